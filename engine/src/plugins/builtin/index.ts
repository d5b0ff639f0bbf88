import { defineInlineWriter } from '../../rules/codegen/inlineOperators.js';
import type { EvaluationContext, RuleOperator } from '../../rules/types.js';
import { definePlugin } from '../definePlugin.js';
import { AsciiDomainSet, domainOf } from './domainOf.js';
import { FREEMAIL_DOMAINS } from './freemailDomains.js';
import {
  betweenWriter,
  containsWriter,
  daysSinceWriter,
  domainWriter,
  freemailWriter,
  startsWithWriter,
} from './inlineWriters.js';
import { isoTime } from './isoTime.js';

const DAY_MS = 86_400_000;

function missingNow(): never {
  throw new Error('daysSince needs the evaluation context to carry `now` (a valid Date)');
}

function nowOf(context: EvaluationContext): number {
  const now = context?.now;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) missingNow();
  return now.getTime();
}

const FREEMAIL = new AsciiDomainSet(FREEMAIL_DOMAINS);

/** `{"freemail": [email]}`: true when the address is at a personal mail provider (qq.com, gmail.com …). */
export const freemail: RuleOperator = {
  minArgs: 1,
  maxArgs: 1,
  evaluate: (args) => {
    const email = args[0];
    return typeof email === 'string' && isFreemailAddress(email);
  },
};

function isFreemailAddress(email: string): boolean {
  // A plain address is answered in place (no string built); anything else through domainOf (same answer).
  const plain = FREEMAIL.hasEmailDomain(email);
  if (plain !== undefined) return plain;
  if (email.indexOf('@') === -1) return false;
  const domain = domainOf(email);
  return domain !== null && FREEMAIL_DOMAINS.has(domain);
}

/** `{"domain": [emailOrUrl]}`: the lower-case domain, or null. */
export const domain: RuleOperator = { minArgs: 1, maxArgs: 1, evaluate: (args) => domainOf(args[0]) };

/** `{"daysSince": [isoDate]}`: whole days from the date to the context's `now` (negative in the future); null when not a date. */
export const daysSince: RuleOperator = {
  minArgs: 1,
  maxArgs: 1,
  evaluate: (args, context) => {
    const now = nowOf(context);
    const time = isoTime(args[0]);
    return time === null ? null : Math.floor((now - time) / DAY_MS);
  },
};

function containsValue(haystack: unknown, needle: unknown): boolean {
  if (typeof haystack === 'string') return typeof needle === 'string' && haystack.includes(needle);
  if (Array.isArray(haystack)) return haystack.indexOf(needle) !== -1;
  return false;
}

/** `{"contains": [haystack, needle]}`: a string containing a substring, or an array containing an item (===). */
export const contains: RuleOperator = {
  minArgs: 2,
  maxArgs: 2,
  evaluate: (args) => containsValue(args[0], args[1]),
  // A constant needle (the usual case): its type is known once, when the rule is compiled.
  prepare: (constants) => {
    const needle = constants[1];
    if (typeof needle === 'string')
      return (args) => {
        const haystack = args[0];
        if (typeof haystack === 'string') return haystack.includes(needle);
        return Array.isArray(haystack) && haystack.indexOf(needle) !== -1;
      };
    return undefined;
  },
};

function startsWithValue(text: unknown, prefix: unknown): boolean {
  return typeof text === 'string' && typeof prefix === 'string' && text.startsWith(prefix);
}

/** `{"startsWith": [text, prefix]}`: both strings, text begins with prefix (case-sensitive). */
export const startsWith: RuleOperator = {
  minArgs: 2,
  maxArgs: 2,
  evaluate: (args) => startsWithValue(args[0], args[1]),
  prepare: (constants) => {
    const prefix = constants[1];
    if (typeof prefix !== 'string') return undefined;
    return (args) => {
      const text = args[0];
      return typeof text === 'string' && text.startsWith(prefix);
    };
  },
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

function betweenValue(value: unknown, low: unknown, high: unknown): boolean {
  return within(value, low, high, isoTime(low), isoTime(high));
}

/** `{"between": [x, low, high]}`: low ≤ x ≤ high, all numbers or all ISO dates; anything else → false. */
export const between: RuleOperator = {
  minArgs: 3,
  maxArgs: 3,
  evaluate: (args) => betweenValue(args[0], args[1], args[2]),
  // Constant bounds (the usual case) are checked and parsed once, when the rule is compiled.
  prepare: (constants) => {
    const low = constants[1];
    const high = constants[2];
    if (low === undefined || high === undefined) return undefined;
    if (typeof low === 'number' && typeof high === 'number') {
      if (!Number.isFinite(low) || !Number.isFinite(high)) return () => false;
      // finite bounds: NaN and ±Infinity fail a comparison by themselves; a non-number is never within
      return (args) => {
        const value = args[0];
        return typeof value === 'number' && low <= value && value <= high;
      };
    }
    const lowTime = isoTime(low);
    const highTime = isoTime(high);
    if (lowTime === null || highTime === null) return () => false;
    return (args) => {
      const value = args[0];
      if (typeof value === 'number') return false;
      const time = isoTime(value);
      return time !== null && lowTime <= time && time <= highTime;
    };
  },
};

// The code generator writes these six inline (by identity: a plugin's own operator is always called).
defineInlineWriter(freemail, freemailWriter(isFreemailAddress, domainOf, FREEMAIL_DOMAINS));
defineInlineWriter(domain, domainWriter(domainOf));
defineInlineWriter(daysSince, daysSinceWriter(missingNow));
defineInlineWriter(contains, containsWriter(containsValue));
defineInlineWriter(startsWith, startsWithWriter(startsWithValue));
defineInlineWriter(between, betweenWriter(betweenValue));

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
