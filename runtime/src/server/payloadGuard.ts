import { LeadforgeError } from '@leadforge/engine';

const MAX_DEPTH = 32;
const MAX_NODES = 20_000;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Refuses parsed JSON that no definition could accept and that would hurt on the way to the
 * database: NUL characters (PostgreSQL text cannot hold them), prototype keys, deep nesting, huge bodies.
 */
export function assertSanePayload(value: unknown): void {
  let nodes = 0;
  const walk = (v: unknown, path: string, depth: number): void => {
    nodes += 1;
    if (nodes > MAX_NODES) {
      throw new LeadforgeError('MALFORMED', `request body has more than ${MAX_NODES} values`, [
        { path: '', message: 'too many values' },
      ]);
    }
    if (depth > MAX_DEPTH) {
      throw new LeadforgeError('MALFORMED', `request body is nested deeper than ${MAX_DEPTH} levels`, [
        { path, message: 'nested too deep' },
      ]);
    }
    if (typeof v === 'string') {
      if (v.includes('\u0000')) {
        throw new LeadforgeError('MALFORMED', 'text may not contain NUL characters', [
          { path, message: 'contains a NUL character' },
        ]);
      }
      return;
    }
    if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) walk(item, `${path}/${i}`, depth + 1);
      return;
    }
    if (typeof v === 'object' && v !== null) {
      for (const key of Object.keys(v)) {
        const keyPath = `${path}/${escapePointer(key)}`;
        if (FORBIDDEN_KEYS.has(key) || key.includes('\u0000')) {
          throw new LeadforgeError('MALFORMED', `property name "${key.replaceAll('\u0000', '\\0')}" is not allowed`, [
            { path: keyPath, message: 'is not an allowed property name' },
          ]);
        }
        walk((v as Record<string, unknown>)[key], keyPath, depth + 1);
      }
    }
  };
  walk(value, '', 0);
}
