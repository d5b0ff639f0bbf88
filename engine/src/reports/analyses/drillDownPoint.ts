import type { Result } from '../../errors/types.js';
import type { DrillDown, ResultMeasure } from '../types.js';

/** Checks a drill-down request: one key, naming a row the analysis can have, and a known measure (default: the first). */
export function pointOrFail(
  keys: readonly (string | number | null)[],
  allowed: readonly string[] | ((key: string) => boolean),
  measureId: string | undefined,
  measures: readonly ResultMeasure[],
): Result<{ key: string; measure: string }> {
  if (!Array.isArray(keys) || keys.length !== 1) {
    return { ok: false, problems: [{ path: '/keys', message: 'expected one key (the row of the point)' }] };
  }
  const key = keys[0];
  const known = typeof key === 'string' && (typeof allowed === 'function' ? allowed(key) : allowed.includes(key));
  if (!known) return { ok: false, problems: [{ path: '/keys/0', message: 'no such row in this report' }] };
  const measure = measureId ?? measures[0]!.id;
  if (!measures.some((m) => m.id === measure)) {
    return {
      ok: false,
      problems: [{ path: '/measure', message: `unknown measure; use one of ${measures.map((m) => m.id).join(', ')}` }],
    };
  }
  return { ok: true, value: { key, measure } };
}

export function refuseMeasure(measure: string, why = 'this measure has no records behind it'): Result<DrillDown> {
  return { ok: false, problems: [{ path: '/measure', message: `${measure}: ${why}` }] };
}
