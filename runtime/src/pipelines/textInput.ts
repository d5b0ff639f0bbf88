import { LeadforgeError } from '@leadforge/engine';
import { hasControlCharacters, hasLoneSurrogate } from '../../../engine/src/capture/controlCharacters.js';
import { parseIsoDatetime } from '../../../engine/src/filter/isoDatetime.js';
import { UUID } from '../records/recordInput.js';

function malformed(path: string, message: string): LeadforgeError {
  return new LeadforgeError('MALFORMED', `${path.slice(1)} ${message}`, [{ path, message }]);
}

/** Optional text of at most `max` characters, trimmed; undefined when absent. */
export function textOrThrow(value: unknown, path: string, max: number, required = false): string | undefined {
  if (value === undefined || value === null) {
    if (required) throw malformed(path, 'is required');
    return undefined;
  }
  if (typeof value !== 'string') throw malformed(path, 'must be text');
  const text = value.trim();
  if (required && text === '') throw malformed(path, 'is required');
  if (text.length > max) throw malformed(path, `must be at most ${max} characters`);
  if (hasControlCharacters(text, true) || hasLoneSurrogate(text))
    throw malformed(path, 'must not contain control characters');
  return text === '' ? undefined : text;
}

/** One of a fixed list of values. */
export function choiceOrThrow<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw malformed(path, `must be one of: ${allowed.join(', ')}`);
  return value as T;
}

/** A short code such as a stage id, reason or outcome: lowercase letters, digits, - and _. */
export function codeOrThrow(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[a-z0-9][a-z0-9_-]{0,62}$/.test(value))
    throw malformed(path, 'must be a code (lowercase letters, digits, - and _, at most 63 characters)');
  return value;
}

/** An ISO 8601 date-time with a zone, between 2000 and 2100. */
export function datetimeOrThrow(value: unknown, path: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = parseIsoDatetime(value);
  if (!date || date.getUTCFullYear() < 2000 || date.getUTCFullYear() > 2100)
    throw malformed(path, 'must be an ISO 8601 date-time with a time zone (2000 to 2100), e.g. 2026-03-02T09:00:00Z');
  return date;
}

export function uuidOrThrow(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !UUID.test(value)) throw malformed(path, 'must be an id (uuid)');
  return value.toLowerCase();
}
