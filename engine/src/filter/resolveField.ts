import type { CompiledObject } from '../compile/types.js';
import { isSafeJsonKey, type SqlFragment, sql } from '../store/sql.js';
import type { FieldRef, FilterOptions, SystemField } from './types.js';

const SYSTEM_FIELDS: Readonly<
  Record<SystemField, { column: string; kind: 'uuid' | 'timestamptz' | 'int'; nullable: boolean }>
> = {
  id: { column: 'id', kind: 'uuid', nullable: false },
  owner: { column: 'owner_id', kind: 'uuid', nullable: true },
  team: { column: 'team_id', kind: 'uuid', nullable: true },
  createdBy: { column: 'created_by', kind: 'uuid', nullable: true },
  createdAt: { column: 'created_at', kind: 'timestamptz', nullable: false },
  updatedAt: { column: 'updated_at', kind: 'timestamptz', nullable: false },
  version: { column: 'version', kind: 'int', nullable: false },
};

export const systemFieldNames = Object.keys(SYSTEM_FIELDS) as SystemField[];

function isSystemField(name: string): name is SystemField {
  return Object.hasOwn(SYSTEM_FIELDS, name);
}

/** `data->'name'`: the exact expression the expression indexes are built on. */
export function dataExpr(name: string): SqlFragment {
  return sql`data->${sql.key(name)}`;
}

/**
 * Resolves a name used in a filter or sort to what SQL reads. System names win over object
 * fields of the same name. Returns a sentence when the name cannot be used.
 */
export function resolveField(name: string, object: CompiledObject, options: FilterOptions = {}): FieldRef | string {
  if (isSystemField(name)) {
    const s = SYSTEM_FIELDS[name];
    return { source: 'system', name, kind: s.kind, nullable: s.nullable, expr: sql.ident(s.column) };
  }
  const field = Object.hasOwn(object.fields, name) ? object.fields[name] : undefined;
  if (field === undefined) return `unknown field "${name}" on ${object.name}`;
  if (!isSafeJsonKey(name)) return `field "${name}" has a name the store cannot query`;
  if (options.hiddenFields?.has(name)) return `field "${name}" is hidden from you and cannot be used here`;
  return {
    source: 'data',
    name,
    kind: 'jsonb',
    type: field.type,
    options: (field.options ?? []).map((o) => o.value),
    expr: dataExpr(name),
  };
}
