import { LeadforgeError, type Problem } from '@leadforge/engine';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Refuses a body that is not an object or carries keys outside `allowed`, naming each offending key. */
export function envelopeOrThrow<K extends string>(body: unknown, allowed: readonly K[]): Partial<Record<K, unknown>> {
  if (!isPlainObject(body)) {
    throw new LeadforgeError('MALFORMED', 'request body must be a JSON object', [
      { path: '', message: 'must be an object' },
    ]);
  }
  const problems: Problem[] = [];
  for (const key of Object.keys(body)) {
    if (FORBIDDEN_KEYS.has(key) || !(allowed as readonly string[]).includes(key)) {
      problems.push({ path: `/${key}`, message: `unknown property "${key}"; expected one of: ${allowed.join(', ')}` });
    }
  }
  if (problems.length > 0) throw new LeadforgeError('MALFORMED', 'request body has unknown properties', problems);
  return body as Partial<Record<K, unknown>>;
}

export function ownerIdOrThrow(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw new LeadforgeError('MALFORMED', `${path.slice(1)} must be a user id`, [
      { path, message: 'must be a user id (uuid)' },
    ]);
  }
  return value;
}

export function versionOrThrow(value: unknown, required: boolean): number | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 2_147_483_647) {
    throw new LeadforgeError('MALFORMED', 'version must be the record version you read (a positive integer)', [
      { path: '/version', message: 'must be a positive integer' },
    ]);
  }
  return value;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that cannot exist answers 404 like one that is out of scope: the caller learns nothing. */
export function recordIdOrThrow(id: string): string {
  if (!UUID.test(id)) throw new LeadforgeError('NOT_FOUND', 'record not found');
  return id.toLowerCase();
}

/** Refuses query-string parameters other than `allowed` (400 naming each one). */
export function onlyParamsOrThrow(params: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(params).filter((k) => !allowed.includes(k));
  if (unknown.length > 0)
    throw new LeadforgeError(
      'MALFORMED',
      'unknown query parameter',
      unknown.map((k) => ({ path: `/${k}`, message: `unknown parameter "${k}"` })),
    );
}
