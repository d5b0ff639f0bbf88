import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { CompiledField } from '../compile/types.js';
import { hasControlCharacters, hasLoneSurrogate } from './controlCharacters.js';

/** Why a value could not be normalised; the caller words it (forms in the visitor's language). */
export type NormaliseFailure = 'controlCharacters' | 'encoding' | 'phone';

export type Normalised =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: true; readonly empty: true }
  | { readonly ok: false; readonly failure: NormaliseFailure };

const NUMERIC = /^-?(?:\d+(?:\.\d+)?|\.\d+)$/;

const EMPTY: Normalised = { ok: true, empty: true };

function oneLine(raw: string): Normalised {
  if (hasLoneSurrogate(raw)) return { ok: false, failure: 'encoding' };
  if (hasControlCharacters(raw)) return { ok: false, failure: 'controlCharacters' };
  const value = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  return value === '' ? EMPTY : { ok: true, value };
}

function multiLine(raw: string): Normalised {
  if (hasLoneSurrogate(raw)) return { ok: false, failure: 'encoding' };
  if (hasControlCharacters(raw, true)) return { ok: false, failure: 'controlCharacters' };
  const value = raw.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  return value === '' ? EMPTY : { ok: true, value };
}

/** A phone number in E.164 (`+8613800138000`), read with the app's default country when it has no `+`. */
export function phoneToE164(raw: string, defaultCountry: string): string | undefined {
  const parsed = parsePhoneNumberFromString(raw, { defaultCountry: defaultCountry as CountryCode, extract: false });
  return parsed?.isPossible() ? parsed.number : undefined;
}

function numberLike(value: unknown): unknown {
  return typeof value === 'string' && NUMERIC.test(value.trim()) ? Number(value.trim()) : value;
}

/**
 * One field value the way every channel stores it: text trimmed with inner spaces collapsed,
 * email lower-cased, phone in E.164 with the app's default country, numbers given as digits read
 * as numbers, `"true"`/`"false"` as booleans. Blank values are `empty` (an absent answer, which
 * never overwrites anything). Values of the wrong type pass through for the validator to name.
 */
export function normaliseValue(field: CompiledField, value: unknown, defaultCountry: string): Normalised {
  if (value === null || value === undefined) return EMPTY;
  switch (field.type) {
    case 'text':
    case 'url':
    case 'select':
    case 'date':
    case 'datetime':
    case 'user':
    case 'reference':
      return typeof value === 'string' ? oneLine(value) : { ok: true, value };
    case 'longtext':
      return typeof value === 'string' ? multiLine(value) : { ok: true, value };
    case 'email': {
      if (typeof value !== 'string') return { ok: true, value };
      const line = oneLine(value);
      return line.ok && 'value' in line ? { ok: true, value: String(line.value).toLowerCase() } : line;
    }
    case 'phone': {
      if (typeof value !== 'string') return { ok: true, value };
      const line = oneLine(value);
      if (!line.ok || !('value' in line)) return line;
      const e164 = phoneToE164(String(line.value), defaultCountry);
      return e164 === undefined ? { ok: false, failure: 'phone' } : { ok: true, value: e164 };
    }
    case 'number':
    case 'integer':
    case 'currency':
      if (typeof value === 'string' && value.trim() === '') return EMPTY;
      return { ok: true, value: numberLike(value) };
    case 'boolean':
      if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
      return { ok: true, value };
    case 'multiselect': {
      if (!Array.isArray(value)) return { ok: true, value };
      if (value.some((v) => typeof v === 'string' && (hasLoneSurrogate(v) || hasControlCharacters(v))))
        return { ok: false, failure: 'encoding' };
      const items = value.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '');
      const unique = [...new Set(items)];
      return unique.length === 0 ? EMPTY : { ok: true, value: unique };
    }
  }
}
