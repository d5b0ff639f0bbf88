import type { EvaluationContext, RuleOperator } from '../../rules/types.js';
import { definePlugin } from '../definePlugin.js';
import { domainOf } from './domainOf.js';
import { FREEMAIL_DOMAINS } from './freemailDomains.js';
import { isoTime } from './isoTime.js';

const DAY_MS = 86_400_000;

function nowOf(context: EvaluationContext): number {
  const now = context?.now;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new Error('daysSince needs the evaluation context to carry `now` (a valid Date)');
  }
  return now.getTime();
}

/** `{"freemail": [email]}`: true when the address is at a personal mail provider (qq.com, gmail.com …). */
export const freemail: RuleOperator = {
  minArgs: 1,
  maxArgs: 1,
  evaluate: ([email]) => {
    if (typeof email !== 'string') return false;
    const at = email.lastIndexOf('@');
    if (at === -1) return false;
    // The set holds only valid lower-case domains, so a plain, already lower-case host can be looked up
    // directly; anything else goes through domainOf (same answer, more work).
    if (FREEMAIL_DOMAINS.has(email.slice(at + 1)) && email.indexOf('://') === -1) return true;
    const domain = domainOf(email);
    return domain !== null && FREEMAIL_DOMAINS.has(domain);
  },
};

/** `{"domain": [emailOrUrl]}`: the lower-case domain, or null. */
export const domain: RuleOperator = { minArgs: 1, maxArgs: 1, evaluate: ([value]) => domainOf(value) };

/** `{"daysSince": [isoDate]}`: whole days from the date to the context's `now` (negative in the future); null when not a date. */
export const daysSince: RuleOperator = {
  minArgs: 1,
  maxArgs: 1,
  evaluate: ([date], context) => {
    const now = nowOf(context);
    const time = isoTime(date);
    return time === null ? null : Math.floor((now - time) / DAY_MS);
  },
};

/** `{"contains": [haystack, needle]}`: a string containing a substring, or an array containing an item (===). */
export const contains: RuleOperator = {
  minArgs: 2,
  maxArgs: 2,
  evaluate: ([haystack, needle]) => {
    if (typeof haystack === 'string') return typeof needle === 'string' && haystack.includes(needle);
    if (Array.isArray(haystack)) return haystack.indexOf(needle) !== -1;
    return false;
  },
};

/** `{"startsWith": [text, prefix]}`: both strings, text begins with prefix (case-sensitive). */
export const startsWith: RuleOperator = {
  minArgs: 2,
  maxArgs: 2,
  evaluate: ([text, prefix]) => typeof text === 'string' && typeof prefix === 'string' && text.startsWith(prefix),
};

/** low ≤ x ≤ high over numbers (all finite) or instants (all ISO dates); anything else → false. */
function within(value: unknown, low: unknown, high: unknown, lowTime: number | null, highTime: number | null): boolean {
  if (typeof value === 'number') {
    return (
      typeof low === 'number' &&
      typeof high === 'number' &&
      Number.isFinite(value) &&
      Number.isFinite(low) &&
      Number.isFinite(high) &&
      low <= value &&
      value <= high
    );
  }
  if (lowTime === null || highTime === null) return false;
  const time = isoTime(value);
  return time !== null && lowTime <= time && time <= highTime;
}

/** `{"between": [x, low, high]}`: low ≤ x ≤ high, all numbers or all ISO dates; anything else → false. */
export const between: RuleOperator = {
  minArgs: 3,
  maxArgs: 3,
  evaluate: ([value, low, high]) => within(value, low, high, isoTime(low), isoTime(high)),
  // Constant bounds (the usual case) are parsed once, when the rule is compiled.
  prepare: ([, low, high]) => {
    if (low === undefined || high === undefined) return undefined;
    const lowTime = isoTime(low);
    const highTime = isoTime(high);
    return ([value]) => within(value, low, high, lowTime, highTime);
  },
};

/**
 * The operators Leadforge ships, installed through the same plugin API as anyone else's (DESIGN.md,
 * "Rules"): nothing in the compiler knows their names.
 */
export const builtinOperatorsPlugin = definePlugin({
  name: 'leadforge-builtin-operators',
  version: '0.1.0',
  setup(api) {
    api.registerOperator('freemail', freemail);
    api.registerOperator('domain', domain);
    api.registerOperator('daysSince', daysSince);
    api.registerOperator('contains', contains);
    api.registerOperator('startsWith', startsWith);
    api.registerOperator('between', between);
  },
});
