import { HOSTILE_KEYS } from '../compile/recordValidators.js';
import type { CompiledObject } from '../compile/types.js';
import type { Problem } from '../errors/types.js';
import { pointerSegment } from '../package/jsonPointer.js';
import { type NormaliseFailure, normaliseValue } from './normaliseValue.js';

export const NORMALISE_MESSAGES: Readonly<Record<NormaliseFailure, string>> = {
  controlCharacters: 'must not contain line breaks or control characters',
  encoding: 'contains characters that are not valid Unicode text',
  phone: 'must be a phone number',
};

/**
 * Normalises every known field of `data` (see normaliseValue); blank values are dropped, unknown
 * keys are kept for the validator to refuse. Problems point at `${prefix}/<field>`.
 */
export function normaliseData(
  object: CompiledObject,
  data: Readonly<Record<string, unknown>>,
  defaultCountry: string,
  prefix = '/data',
): { data: Record<string, unknown>; problems: Problem[] } {
  const out: Record<string, unknown> = {};
  const problems: Problem[] = [];
  for (const key of Object.keys(data)) {
    if (HOSTILE_KEYS.has(key)) {
      problems.push({ path: `${prefix}/${pointerSegment(key)}`, message: 'is not allowed' });
      continue;
    }
    const field = Object.hasOwn(object.fields, key) ? object.fields[key] : undefined;
    if (!field) {
      out[key] = data[key];
      continue;
    }
    const normalised = normaliseValue(field, data[key], defaultCountry);
    if (!normalised.ok)
      problems.push({ path: `${prefix}/${pointerSegment(key)}`, message: NORMALISE_MESSAGES[normalised.failure] });
    else if ('value' in normalised) out[key] = normalised.value;
  }
  return { data: out, problems };
}
