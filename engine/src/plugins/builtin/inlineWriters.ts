// How the code generator writes the built-in operators inline (rules/codegen/inlineOperators.ts): the
// same answers as their `evaluate`, without an argument array, a call through the plugin interface or
// a check of the answer (these answers are known to be data). Rule constants enter only as literals.
import { _, literal } from '../../rules/codegen/builder.js';
import type { InlineArg, InlineSite, InlineWriter, WrittenValue } from '../../rules/codegen/inlineOperators.js';
import { isoTime } from './isoTime.js';

const DAY_MS = 86_400_000;

function constantOf(arg: InlineArg | undefined): { value: unknown } | undefined {
  return arg?.constant;
}

/** The operator's own answer for constant arguments (folded once, when the rule is compiled); undefined when not a scalar. */
function folded(answer: unknown): WrittenValue | undefined {
  if (typeof answer === 'boolean') return { code: literal(answer), kind: 'bool' };
  if (answer === null || typeof answer === 'string' || (typeof answer === 'number' && Number.isFinite(answer)))
    return { code: literal(answer), kind: 'prim' };
  return undefined;
}

/**
 * `{"freemail": [x]}`: an address (a string with an `@`) whose domain is in `domains`. The domain is
 * domainOf's, computed once per evaluation and shared with `{"domain": [x]}` on the same argument.
 */
export function freemailWriter(
  isFreemailAddress: (email: string) => boolean,
  domainOf: (value: unknown) => string | null,
  domains: ReadonlySet<string>,
): InlineWriter {
  return (site, [x]) => {
    const c = constantOf(x);
    if (c) return folded(typeof c.value === 'string' && isFreemailAddress(c.value));
    const v = x!.code;
    if (x!.key === undefined)
      return site.assign(_`typeof ${v} === "string" && ${site.ref(isFreemailAddress)}(${v})`, 'bool');
    const domain = sharedDomain(site, x!, domainOf);
    return site.assign(
      _`typeof ${v} === "string" && (${v}).indexOf("@") !== -1 && ${domain.code} !== null && ${site.ref(domains)}.has(${domain.code})`,
      'bool',
    );
  };
}

function sharedDomain(site: InlineSite, x: InlineArg, domainOf: (value: unknown) => string | null): WrittenValue {
  const call = () => site.assign(_`${site.ref(domainOf)}(${x.code})`, 'prim');
  return x.key === undefined ? call() : site.shared(`domainOf(${x.key})`, call);
}

/** `{"domain": [x]}`: a direct call of domainOf (a string or null), shared with freemail's on the same argument. */
export function domainWriter(domainOf: (value: unknown) => string | null): InlineWriter {
  return (site, [x]) => {
    const c = constantOf(x);
    if (c) return folded(domainOf(c.value));
    return sharedDomain(site, x!, domainOf);
  };
}

/** `{"daysSince": [x]}`: `now` read once per evaluation; `missingNow` throws the operator's own error. */
export function daysSinceWriter(missingNow: () => never): InlineWriter {
  return (site, [x]) => {
    const now = site.nowMillis();
    site.line(_`if (${now} !== ${now}) ${site.ref(missingNow)}();`);
    const time = site.assign(_`${site.ref(isoTime)}(${x!.code})`, 'prim');
    const floor = site.ref(Math.floor);
    return site.assign(
      _`${time.code} === null ? null : ${floor}((${now} - ${time.code}) / ${literal(DAY_MS)})`,
      'prim',
    );
  };
}

/** `{"contains": [haystack, needle]}`: a constant string needle written in; otherwise `containsValue`. */
export function containsWriter(containsValue: (haystack: unknown, needle: unknown) => boolean): InlineWriter {
  return (site, [haystack, needle]) => {
    const h = haystack!;
    const n = constantOf(needle);
    if (n && constantOf(h)) return folded(containsValue(constantOf(h)!.value, n.value));
    if (n && typeof n.value === 'string') {
      const text = literal(n.value);
      if (h.kind !== 'any')
        return site.assign(_`typeof ${h.code} === "string" && (${h.code}).includes(${text})`, 'bool');
      return site.assign(
        _`typeof ${h.code} === "string" ? (${h.code}).includes(${text}) : ${site.ref(Array.isArray)}(${h.code}) && (${h.code}).indexOf(${text}) !== -1`,
        'bool',
      );
    }
    return site.assign(_`${site.ref(containsValue)}(${h.code}, ${needle!.code})`, 'bool');
  };
}

/** `{"startsWith": [text, prefix]}`: a constant prefix written in; otherwise `startsWithValue`. */
export function startsWithWriter(startsWithValue: (text: unknown, prefix: unknown) => boolean): InlineWriter {
  return (site, [text, prefix]) => {
    const p = constantOf(prefix);
    if (p && constantOf(text)) return folded(startsWithValue(constantOf(text)!.value, p.value));
    if (p && typeof p.value === 'string') {
      const t = text!.code;
      return site.assign(_`typeof ${t} === "string" && (${t}).startsWith(${literal(p.value)})`, 'bool');
    }
    return site.assign(_`${site.ref(startsWithValue)}(${text!.code}, ${prefix!.code})`, 'bool');
  };
}

/** `{"between": [x, low, high]}`: constant bounds checked and parsed once; otherwise `betweenValue`. */
export function betweenWriter(betweenValue: (value: unknown, low: unknown, high: unknown) => boolean): InlineWriter {
  return (site: InlineSite, [value, lowArg, highArg]) => {
    const x = value!.code;
    const low = constantOf(lowArg);
    const high = constantOf(highArg);
    if (!low || !high)
      return site.assign(_`${site.ref(betweenValue)}(${x}, ${lowArg!.code}, ${highArg!.code})`, 'bool');
    if (constantOf(value)) return folded(betweenValue(constantOf(value)!.value, low.value, high.value));
    if (typeof low.value === 'number' && typeof high.value === 'number') {
      if (!Number.isFinite(low.value) || !Number.isFinite(high.value)) return { code: literal(false), kind: 'bool' };
      // Finite bounds: NaN and ±Infinity fail a comparison by themselves; a non-number is never within.
      return site.assign(
        _`typeof ${x} === "number" && ${literal(low.value)} <= ${x} && ${x} <= ${literal(high.value)}`,
        'bool',
      );
    }
    const lowTime = isoTime(low.value);
    const highTime = isoTime(high.value);
    if (lowTime === null || highTime === null) return { code: literal(false), kind: 'bool' };
    const time = site.assign(_`typeof ${x} === "number" ? null : ${site.ref(isoTime)}(${x})`, 'prim');
    const t = time.code;
    return site.assign(_`${t} !== null && ${literal(lowTime)} <= ${t} && ${t} <= ${literal(highTime)}`, 'bool');
  };
}
