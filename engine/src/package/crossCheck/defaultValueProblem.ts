import type { FieldDefinition } from '../schemas/index.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Why a field's `default` does not fit the field, or undefined when it fits (or there is none). */
export function defaultValueProblem(field: FieldDefinition): string | undefined {
  const value = field.default;
  if (value === undefined) return undefined;
  const options = field.options?.map((o) => o.value) ?? [];
  switch (field.type) {
    case 'text':
    case 'longtext':
    case 'email':
    case 'phone':
    case 'url':
    case 'user':
    case 'reference':
      return typeof value === 'string' ? undefined : `must be a string for a ${field.type} field`;
    case 'number':
    case 'currency':
      return typeof value === 'number' ? undefined : `must be a number for a ${field.type} field`;
    case 'integer':
      return Number.isInteger(value) ? undefined : 'must be an integer for an integer field';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false for a boolean field';
    case 'date':
      return typeof value === 'string' && DATE.test(value) ? undefined : 'must be a date (YYYY-MM-DD)';
    case 'datetime':
      return typeof value === 'string' && DATE_TIME.test(value) ? undefined : 'must be a date and time (ISO 8601)';
    case 'select':
      return typeof value === 'string' && options.includes(value)
        ? undefined
        : `must be one of the options: ${options.join(', ')}`;
    case 'multiselect':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && options.includes(v))
        ? undefined
        : `must be a list of the options: ${options.join(', ')}`;
  }
}
