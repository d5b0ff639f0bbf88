import type { CompiledField, CompiledObject, FieldType } from '@leadforge/engine';

type FieldSpec = { readonly type: FieldType } & Partial<Omit<CompiledField, 'name' | 'type'>>;

/** A compiled field with quiet defaults: optional, writable, not indexed, no PII. */
export function aField(name: string, spec: FieldSpec): CompiledField {
  return { label: { en: name }, required: false, readonly: false, indexed: false, pii: false, ...spec, name };
}

const options = (...values: string[]) => values.map((value) => ({ value, label: { en: value } }));

/**
 * A hand-built CompiledObject for store and filter tests. The store does not validate, so
 * validateCreate / validatePatch simply pass the data through.
 */
export function anObject(name: string, fields: Readonly<Record<string, FieldSpec>>): CompiledObject {
  const compiled = Object.fromEntries(Object.entries(fields).map(([n, spec]) => [n, aField(n, spec)]));
  return {
    name,
    label: { en: name },
    fields: compiled,
    fieldNames: Object.keys(compiled),
    dedupeKeys: [],
    validateCreate: (data) => ({ ok: true, value: { ...(data as Record<string, unknown>) } }),
    validatePatch: (data) => ({ ok: true, value: { ...(data as Record<string, unknown>) } }),
  };
}

/** A lead with one field of every filterable type. */
export const leadObject: CompiledObject = anObject('lead', {
  name: { type: 'text' },
  notes: { type: 'longtext' },
  email: { type: 'email', indexed: true },
  phone: { type: 'phone' },
  website: { type: 'url' },
  employees: { type: 'integer' },
  score: { type: 'number' },
  revenue: { type: 'currency' },
  qualified: { type: 'boolean' },
  founded: { type: 'date' },
  lastContactAt: { type: 'datetime' },
  industry: { type: 'select', options: options('saas', 'manufacturing', 'retail') },
  tags: { type: 'multiselect', options: options('vip', 'partner', 'event', 'cold') },
  accountManager: { type: 'user' },
  company: { type: 'reference', reference: 'company' },
  salary: { type: 'number' },
});
