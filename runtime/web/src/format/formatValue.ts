import type { FieldInfo } from '../api/types.js';
import { pickLabel } from '../i18n/pickLabel.js';
import type { Messages } from '../i18n/uiMessages.js';
import { formatDateTime } from './formatDateTime.js';
import { shortId } from './shortId.js';

function optionLabel(field: FieldInfo, value: unknown, locale: string): string {
  const option = field.options?.find((o) => o.value === value);
  return option ? pickLabel(option.label, locale, option.value) : String(value);
}

/**
 * A field value as plain text for display: select values by their option label, numbers and times in the
 * reader's locale. The result is always text, never markup.
 */
export function formatValue(field: FieldInfo, value: unknown, locale: string, t: Messages): string {
  if (value === null || value === undefined || value === '') return t.notSet;
  switch (field.type) {
    case 'select':
      return optionLabel(field, value, locale);
    case 'multiselect':
      return Array.isArray(value) ? value.map((v) => optionLabel(field, v, locale)).join(', ') : String(value);
    case 'boolean':
      return value === true ? t.yes : value === false ? t.no : String(value);
    case 'number':
    case 'integer':
      return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : String(value);
    case 'currency':
      return typeof value === 'number'
        ? new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)
        : String(value);
    case 'datetime':
      return typeof value === 'string' ? formatDateTime(value, locale) : String(value);
    case 'user':
    case 'reference':
      return typeof value === 'string' ? shortId(value) : String(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
