import { didYouMean } from '../didYouMean.js';
import type { FieldDefinition, ObjectDefinition } from '../schemas/index.js';
import type { DefinitionKind } from '../types.js';
import { exceedsDepth, jsonLogicVars, MAX_JSON_LOGIC_DEPTH } from './jsonLogic.js';
import type { CheckContext } from './types.js';

/**
 * Names a rule may read besides the object's fields: the record's system columns, the scoring
 * and pipeline outputs, and `event` (the triggering event's payload in automations).
 */
export const SYSTEM_VARIABLES: readonly string[] = [
  'id',
  'owner',
  'team',
  'created_by',
  'created_at',
  'updated_at',
  'score',
  'grade',
  'stage',
  'event',
];

/** System columns every record has, with the field type they behave as (for report dimensions and measures). */
export const SYSTEM_FIELD_TYPES: Readonly<Record<string, string>> = {
  owner: 'user',
  team: 'text',
  created_by: 'user',
  created_at: 'datetime',
  updated_at: 'datetime',
};

const KIND_NOUNS: Record<DefinitionKind, string> = {
  app: 'app',
  roles: 'roles',
  object: 'object',
  form: 'form',
  pipeline: 'pipeline',
  scoring: 'scoring model',
  routing: 'routing',
  automation: 'automation',
  nurture: 'nurture sequence',
  report: 'report',
  dashboard: 'dashboard',
};

export function report(ctx: CheckContext, file: string, pointer: string, message: string): void {
  ctx.problems.push({ file, pointer, message });
}

/**
 * Checks that a definition of `kind` with this id exists. Returns true when it exists (whether or
 * not it passed its own schema); reports and returns false otherwise.
 */
export function checkDefinitionRef(
  ctx: CheckContext,
  file: string,
  pointer: string,
  kind: DefinitionKind,
  id: string,
): boolean {
  const present = ctx.present[kind];
  if (present.has(id)) return true;
  report(ctx, file, pointer, `unknown ${KIND_NOUNS[kind]} "${id}"${didYouMean(id, present)}`);
  return false;
}

/** The object a definition names, when it exists and passed its schema; reports a missing one. */
export function objectFor(ctx: CheckContext, file: string, pointer: string, id: string): ObjectDefinition | undefined {
  if (!checkDefinitionRef(ctx, file, pointer, 'object', id)) return undefined;
  return ctx.checked.object.get(id)?.value;
}

export function findField(object: ObjectDefinition, name: string): FieldDefinition | undefined {
  return object.fields.find((f) => f.name === name);
}

/** Reports an unknown field of `object` and returns the field when it exists. */
export function checkFieldRef(
  ctx: CheckContext,
  file: string,
  pointer: string,
  object: ObjectDefinition,
  name: string,
): FieldDefinition | undefined {
  const field = findField(object, name);
  if (!field) {
    const known = object.fields.map((f) => f.name);
    report(ctx, file, pointer, `unknown field "${name}" on object "${object.id}"${didYouMean(name, known)}`);
  }
  return field;
}

/** Checks a JSON Logic rule: depth, then that every variable it reads is a field or a system name. */
export function checkRule(
  ctx: CheckContext,
  file: string,
  pointer: string,
  rule: unknown,
  object: ObjectDefinition,
): void {
  if (exceedsDepth(rule)) {
    report(ctx, file, pointer, `rule nests deeper than ${MAX_JSON_LOGIC_DEPTH} levels`);
    return;
  }
  const known = new Set([...object.fields.map((f) => f.name), ...SYSTEM_VARIABLES]);
  for (const v of jsonLogicVars(rule, pointer)) {
    if (known.has(v.name)) continue;
    report(ctx, file, v.pointer, `unknown field "${v.name}" on object "${object.id}"${didYouMean(v.name, known)}`);
  }
}

/** Reports a role that roles.json does not define (nothing when roles.json is broken). */
export function checkRoleRef(ctx: CheckContext, file: string, pointer: string, role: string): void {
  if (ctx.present.roles.size > 0 && !ctx.checked.roles) return;
  const roles = ctx.checked.roles?.value.roles.map((r) => r.id) ?? [];
  if (roles.includes(role)) return;
  report(ctx, file, pointer, `unknown role "${role}"${didYouMean(role, roles)}`);
}

/**
 * The stage ids the pipelines of an object define, or undefined when they cannot be known (a
 * pipeline file is broken, so its object is unknown).
 */
export function stagesOf(ctx: CheckContext, objectId: string): ReadonlySet<string> | undefined {
  if (ctx.checked.pipeline.size < ctx.present.pipeline.size) return undefined;
  const stages = new Set<string>();
  for (const { value } of ctx.checked.pipeline.values()) {
    if (value.object === objectId) for (const stage of value.stages) stages.add(stage.id);
  }
  return stages;
}

/** Reports a stage that no pipeline of the object defines. */
export function checkStageRef(ctx: CheckContext, file: string, pointer: string, objectId: string, stage: string): void {
  const stages = stagesOf(ctx, objectId);
  if (!stages || stages.has(stage)) return;
  const message =
    stages.size === 0
      ? `stage "${stage}" is unknown: object "${objectId}" has no pipeline`
      : `unknown stage "${stage}" in the pipelines of object "${objectId}"${didYouMean(stage, stages)}`;
  report(ctx, file, pointer, message);
}

/**
 * Reports every repeat of an id in a list: `rule "x" is defined twice (first at /rules/0/id)`.
 * `noun` is a word (`rule`) or a function naming the item (`option "a" of field "tier"`).
 */
export function checkUnique(
  ctx: CheckContext,
  file: string,
  items: readonly { readonly pointer: string; readonly id: string }[],
  noun: string | ((id: string) => string),
): void {
  const name = typeof noun === 'string' ? (id: string) => `${noun} "${id}"` : noun;
  const first = new Map<string, string>();
  for (const { pointer, id } of items) {
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, pointer);
    else report(ctx, file, pointer, `${name(id)} is defined twice (first at ${earlier})`);
  }
}
