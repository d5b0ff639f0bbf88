import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { labelText } from './labelText.js';

const SCHEMA_TEXT_KEYS = new Set(['title', 'description']);
const UI_TEXT_KEYS = new Set(['ui:title', 'ui:description', 'ui:help', 'ui:placeholder']);

function isLabelMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

function localize(node: unknown, locale: string, textKeys: ReadonlySet<string>): unknown {
  if (Array.isArray(node)) return node.map((item) => localize(item, locale, textKeys));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = textKeys.has(key) && isLabelMap(value) ? labelText(value, locale) : localize(value, locale, textKeys);
  }
  return out;
}

/**
 * The schema with every `title` and `description` given as a label map (`{ en, zh-CN }`) replaced by its text in
 * the locale; plain strings are kept, so a schema the server already localised passes through unchanged.
 */
export function localizeSchema(schema: RJSFSchema, locale: string): RJSFSchema {
  return localize(schema, locale, SCHEMA_TEXT_KEYS) as RJSFSchema;
}

/** The uiSchema with `ui:help`, `ui:placeholder`, `ui:title` and `ui:description` label maps picked for the locale. */
export function localizeUiSchema(uiSchema: UiSchema, locale: string): UiSchema {
  return localize(uiSchema, locale, UI_TEXT_KEYS) as UiSchema;
}
