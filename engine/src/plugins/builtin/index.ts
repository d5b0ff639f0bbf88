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
    if (typeof email !== 'string' || !email.includes('@')) return false;
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

function comparable(value: unknown): { kind: 'number' | 'time'; at: number } | null {
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', at: value } : null;
  const time = isoTime(value);
  return time === null ? null : { kind: 'time', at: time };
}

/** `{"between": [x, low, high]}`: low ≤ x ≤ high, all numbers or all ISO dates; anything else → false. */
export const between: RuleOperator = {
  minArgs: 3,
  maxArgs: 3,
  evaluate: ([value, low, high]) => {
    const x = comparable(value);
    const a = comparable(low);
    const b = comparable(high);
    if (!x || !a || !b || x.kind !== a.kind || x.kind !== b.kind) return false;
    return a.at <= x.at && x.at <= b.at;
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
