import type { IndexSpec } from '../compile/types.js';
import { assertIdentifier, assertJsonKey } from './sql.js';
import type { SqlExecutor } from './types.js';

const MAX_IDENTIFIER = 63;

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * `records_<object>_<field>_idx`, lower-cased; names past PostgreSQL's 63 characters are cut and
 * given a hash suffix, since PostgreSQL would silently truncate them and two could then collide.
 */
export function expressionIndexName(spec: IndexSpec): string {
  const name = `records_${spec.object}_${spec.field}_idx`.toLowerCase();
  if (name.length <= MAX_IDENTIFIER) return name;
  return `${name.slice(0, MAX_IDENTIFIER - 9)}_${fnv1a(name)}`;
}

/**
 * Creates the expression index of every field marked `indexed`:
 * `records (tenant_id, (data->'field')) WHERE object = '<object>'`, the shape `compileFilter`'s
 * equality (`data->'field' = $n::jsonb`) can use. Idempotent; the specs carry no tenant because
 * one index serves every tenant. Throws on a name that is not identifier-safe.
 */
export async function ensureIndexes(db: SqlExecutor, specs: readonly IndexSpec[]): Promise<string[]> {
  const names: string[] = [];
  for (const spec of specs) {
    // identifier-safe names may be inlined: the partial-index predicate must be a literal
    const object = assertIdentifier(spec.object);
    const field = assertJsonKey(spec.field);
    const name = expressionIndexName(spec);
    await db.query(
      `CREATE INDEX IF NOT EXISTS "${assertIdentifier(name)}" ON records (tenant_id, (data->'${field}')) WHERE object = '${object}'`,
    );
    names.push(name);
  }
  return names;
}
