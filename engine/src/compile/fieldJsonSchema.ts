import type { CompiledField } from './types.js';

/** Default length limits for text fields without an explicit `max`. */
export const TEXT_MAX_LENGTH = 1000;
export const LONGTEXT_MAX_LENGTH = 20000;

const PHONE_PATTERN = '^[0-9+() -]{5,32}$';
const HTTP_URL_PATTERN = '^[Hh][Tt][Tt][Pp][Ss]?://';
const UUID = { type: 'string', format: 'uuid' } as const;

function bounds(field: CompiledField, low: string, high: string): Record<string, number> {
  const b: Record<string, number> = {};
  if (field.min !== undefined) b[low] = field.min;
  if (field.max !== undefined) b[high] = field.max;
  return b;
}

/** The JSON Schema one field's value must satisfy in a record body. */
export function fieldJsonSchema(field: CompiledField): Record<string, unknown> {
  const options = (field.options ?? []).map((o) => o.value);
  switch (field.type) {
    case 'text':
      return {
        type: 'string',
        maxLength: field.max ?? TEXT_MAX_LENGTH,
        ...(field.min !== undefined ? { minLength: field.min } : {}),
        ...(field.pattern !== undefined ? { pattern: field.pattern } : {}),
      };
    case 'longtext':
      return {
        type: 'string',
        maxLength: field.max ?? LONGTEXT_MAX_LENGTH,
        ...(field.min !== undefined ? { minLength: field.min } : {}),
      };
    case 'email':
      return { type: 'string', format: 'email', maxLength: 254 };
    case 'phone':
      return { type: 'string', pattern: PHONE_PATTERN };
    case 'url':
      return { type: 'string', format: 'uri', pattern: HTTP_URL_PATTERN, maxLength: 2048 };
    case 'number':
    case 'currency':
      return { type: 'number', ...bounds(field, 'minimum', 'maximum') };
    case 'integer':
      return { type: 'integer', ...bounds(field, 'minimum', 'maximum') };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'select':
      return { type: 'string', enum: options };
    case 'multiselect':
      return { type: 'array', uniqueItems: true, items: { type: 'string', enum: options } };
    case 'user':
    case 'reference':
      return UUID;
  }
}
