import { FIELD_TYPES } from '@leadforge/engine/field-types';
import type { ErrorDetail, FieldInfo, RecordData } from '../api/types.js';

/** What a form control holds: text for inputs and dropdowns, a boolean for checkboxes, a list for multiselects. */
export type FormValue = string | boolean | readonly string[];
export type FormValues = Readonly<Record<string, FormValue>>;

/** Field types the generated form can edit; references and users need a picker, which comes later. */
const EDITABLE: ReadonlySet<string> = new Set(FIELD_TYPES.filter((t) => t !== 'user' && t !== 'reference'));

/** The fields a "New" form shows: those the user may write and the form knows how to edit. */
export function formFields(fields: readonly FieldInfo[]): FieldInfo[] {
  return fields.filter((f) => f.writable && EDITABLE.has(f.type));
}

function initialValue(field: FieldInfo): FormValue {
  const d = field.default;
  if (field.type === 'boolean') return d === true;
  if (field.type === 'multiselect') return Array.isArray(d) ? d.map(String) : [];
  return d === undefined || d === null ? '' : String(d);
}

/** The form's starting values, with each field's default filled in. */
export function initialFormValues(fields: readonly FieldInfo[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f.name, initialValue(f)]));
}

function numberOrText(text: string): number | string {
  const n = Number(text);
  // Leave what does not parse as text: the server then names the field and the problem.
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

function dataValue(field: FieldInfo, value: FormValue): unknown {
  if (typeof value === 'boolean' || Array.isArray(value)) return value;
  const text = (value as string).trim();
  if (text === '') return undefined;
  switch (field.type) {
    case 'number':
    case 'integer':
    case 'currency':
      return numberOrText(text);
    case 'datetime': {
      const date = new Date(text);
      return Number.isNaN(date.getTime()) ? text : date.toISOString();
    }
    default:
      return text;
  }
}

/** The record body for `POST /records/:object`: empty inputs are left out so the server applies defaults. */
export function recordDataFromForm(fields: readonly FieldInfo[], values: FormValues): RecordData {
  const data: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined) continue;
    const converted = dataValue(field, value);
    if (converted !== undefined) data[field.name] = converted;
  }
  return data;
}

export interface FormErrors {
  /** Field name → messages about it. */
  readonly byField: Readonly<Record<string, readonly string[]>>;
  /** Messages that name no field of the form. */
  readonly general: readonly string[];
}

/** Sorts a 422's details (`/data/email`, `/data/tags/1`) onto the fields they are about. */
export function formErrorsFrom(details: readonly ErrorDetail[], fieldNames: readonly string[]): FormErrors {
  const known = new Set(fieldNames);
  const byField: Record<string, string[]> = {};
  const general: string[] = [];
  for (const detail of details) {
    const name = /^\/data\/([^/]+)/.exec(detail.path)?.[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
    if (name === undefined || !known.has(name)) general.push(detail.message);
    else byField[name] = [...(byField[name] ?? []), detail.message];
  }
  return { byField, general };
}
