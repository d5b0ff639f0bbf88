import {
  type CompiledNurture,
  compileNurture,
  createOperatorRegistry,
  type NurtureDefinition,
  type OperatorRegistry,
  type RecordDbRow,
} from '@leadforge/engine';

let registry: OperatorRegistry | undefined;
const compiled = new WeakMap<NurtureDefinition, CompiledNurture>();

/** A published sequence compiled once (definitions of a published version are frozen objects). */
export function compiledNurture(definition: NurtureDefinition): CompiledNurture {
  let found = compiled.get(definition);
  if (!found) {
    registry ??= createOperatorRegistry();
    found = compileNurture(definition, registry);
    compiled.set(definition, found);
  }
  return found;
}

/** The columns of a record a sequence reads. */
export type NurtureRecordRow = Pick<RecordDbRow, 'id' | 'data' | 'owner_id' | 'team_id' | 'created_at' | 'updated_at'>;

/** What a sequence's rules read: the record's fields and its system values. */
export function nurtureRuleData(row: NurtureRecordRow): Record<string, unknown> {
  return {
    ...row.data,
    id: row.id,
    owner: row.owner_id,
    team: row.team_id,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}
