import type { Ajv } from 'ajv';
import type { FieldDefinition, ObjectDefinition } from '../package/schemas/index.js';
import { recordValidators } from './recordValidators.js';
import type { CompiledField, CompiledObject } from './types.js';

/** A field with every flag spelled out and optional parts present only when set. */
export function compileField(field: FieldDefinition): CompiledField {
  return {
    name: field.name,
    type: field.type,
    label: field.label,
    required: field.required ?? false,
    readonly: field.readonly ?? false,
    indexed: field.indexed ?? false,
    pii: field.pii ?? false,
    ...(field.default !== undefined ? { default: structuredClone(field.default) } : {}),
    ...(field.options ? { options: field.options.map((o) => ({ value: o.value, label: o.label })) } : {}),
    ...(field.reference !== undefined ? { reference: field.reference } : {}),
    ...(field.min !== undefined ? { min: field.min } : {}),
    ...(field.max !== undefined ? { max: field.max } : {}),
    ...(field.pattern !== undefined ? { pattern: field.pattern } : {}),
  };
}

/** An object definition (already valid) → its compiled form with record validators. */
export function compileObject(ajv: Ajv, definition: ObjectDefinition): CompiledObject {
  const fields: Record<string, CompiledField> = {};
  for (const field of definition.fields) fields[field.name] = compileField(field);
  const { validateCreate, validatePatch } = recordValidators(ajv, fields);
  return {
    name: definition.id,
    label: definition.label,
    fields,
    fieldNames: definition.fields.map((f) => f.name),
    dedupeKeys: (definition.dedupe ?? []).map((key) => [...key]),
    validateCreate,
    validatePatch,
  };
}
