import type { Ajv } from 'ajv';
import type { Problem, Result } from '../errors/types.js';
import { didYouMean } from '../package/didYouMean.js';
import { pointerSegment } from '../package/jsonPointer.js';
import { fieldJsonSchema } from './fieldJsonSchema.js';
import { recordProblem } from './recordProblem.js';
import type { CompiledField } from './types.js';

/** Keys refused in every record body, whatever the object: they reach prototypes in careless code. */
export const HOSTILE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface RecordValidators {
  validateCreate(data: unknown): Result<Record<string, unknown>>;
  validatePatch(data: unknown): Result<Record<string, unknown>>;
}

type Mode = 'create' | 'patch';

function isPlainObject(data: unknown): data is Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const proto = Object.getPrototypeOf(data);
  return proto === Object.prototype || proto === null;
}

function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Builds the create and patch validators of one object with the compile's Ajv instance. The
 * input is never changed: create returns a copy with defaults filled in, patch a copy in which
 * `null` means "clear this field".
 */
export function recordValidators(ajv: Ajv, fields: Readonly<Record<string, CompiledField>>): RecordValidators {
  const list = Object.values(fields);
  const properties = Object.fromEntries(list.map((f) => [f.name, fieldJsonSchema(f)]));
  const required = list.filter((f) => f.required).map((f) => f.name);
  const createSchema = { type: 'object', additionalProperties: false, properties, required };
  const patchSchema = { type: 'object', additionalProperties: false, properties };
  const checkCreate = ajv.compile(createSchema);
  const checkPatch = ajv.compile(patchSchema);
  const names = list.map((f) => f.name);

  function validate(data: unknown, mode: Mode): Result<Record<string, unknown>> {
    if (!isPlainObject(data)) return { ok: false, problems: [{ path: '', message: 'must be an object' }] };
    const problems: Problem[] = [];
    const body: Record<string, unknown> = {};
    const checked: Record<string, unknown> = {};
    for (const key of Object.keys(data)) {
      const path = `/${pointerSegment(key)}`;
      const field = HOSTILE_KEYS.has(key) || !Object.hasOwn(fields, key) ? undefined : fields[key];
      if (HOSTILE_KEYS.has(key)) problems.push({ path, message: 'is not allowed' });
      else if (!field) problems.push({ path, message: `unknown field "${key}"${didYouMean(key, names)}` });
      else if (field.readonly) problems.push({ path, message: 'is read-only' });
      else if (data[key] === null && mode === 'patch') {
        if (field.required) problems.push({ path, message: 'is required and cannot be cleared' });
        else body[key] = null;
      } else {
        body[key] = data[key];
        checked[key] = data[key];
      }
    }
    if (mode === 'create') {
      for (const field of list) {
        if (field.default !== undefined && !Object.hasOwn(body, field.name)) {
          body[field.name] = structuredClone(field.default);
          checked[field.name] = body[field.name];
        }
      }
    }
    const check = mode === 'create' ? checkCreate : checkPatch;
    if (!check(checked)) problems.push(...(check.errors ?? []).map((e) => recordProblem(e, fields)));
    if (problems.length > 0) return { ok: false, problems: dedupe(problems) };
    return { ok: true, value: body };
  }

  return {
    validateCreate: (data) => validate(data, 'create'),
    validatePatch: (data) => validate(data, 'patch'),
  };
}
