import type { CompiledField, CompiledObject } from '../compile/types.js';
import { normaliseValue } from './normaliseValue.js';

/** One dedupe key with the values a capture gives it, ready to look up and to lock on. */
export interface DedupeProbe {
  /** The key's fields, in the object's order. */
  readonly fields: readonly string[];
  /** The values compared: text case-folded, everything else as normalised. */
  readonly values: readonly unknown[];
  /** Names the key value inside the tenant: captures of the same key serialise on it. */
  readonly lockKey: string;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The comparable form of a normalised value: names match whatever their case. */
export function matchValue(field: CompiledField, value: unknown): unknown {
  return typeof value === 'string' && (field.type === 'text' || field.type === 'longtext')
    ? value.toLowerCase()
    : value;
}

/** The dedupe keys this (normalised) data fills completely; a key with an empty field finds nothing. */
export function dedupeProbes(object: CompiledObject, data: Readonly<Record<string, unknown>>): DedupeProbe[] {
  const probes: DedupeProbe[] = [];
  for (const fields of object.dedupeKeys) {
    if (fields.some((f) => isEmpty(data[f]) || !Object.hasOwn(object.fields, f))) continue;
    const values = fields.map((f) => matchValue(object.fields[f]!, data[f]));
    probes.push({ fields, values, lockKey: `${object.name}\u0001${fields.join(',')}\u0001${JSON.stringify(values)}` });
  }
  return probes;
}

/** True when a stored record (normalised again, for records written before capture existed) has the probe's values. */
export function matchesProbe(
  object: CompiledObject,
  probe: DedupeProbe,
  data: Readonly<Record<string, unknown>>,
  defaultCountry: string,
): boolean {
  return probe.fields.every((f, i) => {
    const field = object.fields[f]!;
    const normalised = normaliseValue(field, data[f], defaultCountry);
    if (!normalised.ok || !('value' in normalised)) return false;
    return JSON.stringify(matchValue(field, normalised.value)) === JSON.stringify(probe.values[i]);
  });
}
