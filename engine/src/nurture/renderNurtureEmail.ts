import type { Label } from '../compile/types.js';
import { labelText } from '../delivery/actions.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

function valueText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Fills `{{field}}` placeholders from the record; `escapeValue` is applied to each value, never to the template. */
export function fillPlaceholders(
  template: string,
  record: Readonly<Record<string, unknown>>,
  escapeValue: (text: string) => string = (t) => t,
): string {
  return template.replace(PLACEHOLDER, (_, field: string) =>
    escapeValue(valueText(Object.hasOwn(record, field) ? record[field] : undefined)),
  );
}

/** A nurture message ready for the outbox. */
export interface RenderedEmail {
  readonly subject: string;
  /** Plain text: values as they are. */
  readonly text: string;
  /** HTML: the template as written, every value HTML-escaped. */
  readonly html: string;
}

/** Renders an email step's templates in the locale for one record. */
export function renderNurtureEmail(
  step: { readonly subject: Label; readonly body: Label },
  record: Readonly<Record<string, unknown>>,
  locale: string,
): RenderedEmail {
  const body = labelText(step.body, locale);
  return {
    subject: fillPlaceholders(labelText(step.subject, locale), record),
    text: fillPlaceholders(body, record),
    html: fillPlaceholders(body, record, escapeHtml),
  };
}
