import type { ErrorObject } from 'ajv';
import { pointerSegment } from '../package/jsonPointer.js';
import type { CompiledField } from './types.js';

function oneOf(field: CompiledField): string {
  return (field.options ?? []).map((o) => o.value).join(', ');
}

/** What a value of this field must be, said once for any type or format failure. */
function expectation(field: CompiledField): string {
  switch (field.type) {
    case 'text':
    case 'longtext':
      return 'must be a string';
    case 'email':
      return 'must be a valid email address';
    case 'phone':
      return 'must be a phone number (5 to 32 digits, spaces, +, -, parentheses)';
    case 'url':
      return 'must be a valid http or https URL';
    case 'number':
    case 'currency':
      return 'must be a number';
    case 'integer':
      return 'must be an integer';
    case 'boolean':
      return 'must be true or false';
    case 'date':
      return 'must be a date (YYYY-MM-DD)';
    case 'datetime':
      return 'must be a date and time (ISO 8601, such as 2024-05-01T09:30:00Z)';
    case 'select':
      return `must be one of: ${oneOf(field)}`;
    case 'multiselect':
      return `must be a list of: ${oneOf(field)}`;
    case 'user':
      return 'must be a user id (UUID)';
    case 'reference':
      return `must be the id (UUID) of a ${field.reference} record`;
  }
}

/** One ajv error on a record body as a field-level sentence. */
export function recordProblem(
  error: ErrorObject,
  fields: Readonly<Record<string, CompiledField>>,
): { path: string; message: string } {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return { path: `/${params['missingProperty']}`, message: 'is required' };
  if (error.keyword === 'additionalProperties') {
    const key = String(params['additionalProperty']);
    return { path: `/${pointerSegment(key)}`, message: `unknown field "${key}"` };
  }
  const name = error.instancePath.split('/')[1] ?? '';
  const field = Object.hasOwn(fields, name) ? fields[name] : undefined;
  const path = error.instancePath;
  if (!field) return { path, message: error.message ?? 'is not valid' };
  const inItem = field.type === 'multiselect' && path !== `/${name}`;
  switch (error.keyword) {
    case 'maxLength':
      return { path, message: `must be at most ${params['limit']} characters` };
    case 'minLength':
      return { path, message: `must be at least ${params['limit']} characters` };
    case 'minimum':
      return { path, message: `must be at least ${params['limit']}` };
    case 'maximum':
      return { path, message: `must be at most ${params['limit']}` };
    case 'uniqueItems':
      return { path, message: 'must not repeat a value' };
    case 'pattern':
      if (field.type === 'text') return { path, message: `must match the pattern ${field.pattern}` };
      return { path, message: expectation(field) };
    default:
      return { path, message: inItem ? `must be one of: ${oneOf(field)}` : expectation(field) };
  }
}
