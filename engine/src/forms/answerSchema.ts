import { fieldJsonSchema } from '../compile/fieldJsonSchema.js';
import type { CompiledField, Label } from '../compile/types.js';
import type { FormFieldDefinition } from '../package/schemas/form.js';

/** One field of a form with its object field and the texts the page shows. */
export interface FormFieldEntry {
  readonly entry: FormFieldDefinition;
  readonly field: CompiledField;
  /** The object field's own help text (the form's wins). */
  readonly objectHelp: Label | undefined;
}

/** The field's schema as react-jsonschema-form draws it: labelled options (`oneOf` const/title), title, default. */
export function publicFieldSchema({ entry, field }: FormFieldEntry): Record<string, unknown> {
  const schema: Record<string, unknown> = { ...fieldJsonSchema(field), title: entry.label ?? field.label };
  const options = (field.options ?? []).map((o) => ({ const: o.value, title: o.label }));
  if (field.type === 'select') {
    delete schema['enum'];
    schema['oneOf'] = options;
  } else if (field.type === 'multiselect') {
    schema['items'] = { type: 'string', oneOf: options };
  }
  if (entry.default !== undefined) schema['default'] = structuredClone(entry.default);
  return schema;
}

function widgetOf({ entry, field }: FormFieldEntry): string | undefined {
  if (entry.hidden) return 'hidden';
  if (entry.widget !== undefined) return entry.widget === 'text' ? undefined : entry.widget;
  if (field.type === 'longtext') return 'textarea';
  if (field.type === 'select') return 'select';
  if (field.type === 'multiselect') return 'checkboxes';
  return undefined;
}

/** The field's uiSchema: help, placeholder (label maps the page localises) and widget. */
export function fieldUiSchema(item: FormFieldEntry): Record<string, unknown> {
  const ui: Record<string, unknown> = {};
  const help: Label | undefined = item.entry.help ?? item.objectHelp;
  if (help !== undefined && !item.entry.hidden) ui['ui:help'] = help;
  if (item.entry.placeholder !== undefined) ui['ui:placeholder'] = item.entry.placeholder;
  const widget = widgetOf(item);
  if (widget !== undefined) ui['ui:widget'] = widget;
  return ui;
}
