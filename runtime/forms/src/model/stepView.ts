import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { FormStep } from '../api/types.js';
import type { FieldStates } from './fieldStates.js';

/** What one step shows: its visible fields, in order, with the schema and uiSchema to render and validate them. */
export interface StepView {
  readonly fields: readonly string[];
  readonly schema: RJSFSchema;
  readonly uiSchema: UiSchema;
}

function pick<T>(from: Readonly<Record<string, T>> | undefined, keys: readonly string[]): Record<string, T> {
  return Object.fromEntries(keys.flatMap((key) => (from && Object.hasOwn(from, key) ? [[key, from[key]!]] : [])));
}

/**
 * The step restricted to the fields the shared evaluator says are visible now, with `required` as it says too,
 * so rjsf validates exactly what the server will (issue 3, point 2). Fields the form renders on its own
 * (consent, honeypot) or fills from the page (hidden fields) are left out.
 */
export function stepView(
  schema: RJSFSchema,
  uiSchema: UiSchema,
  step: FormStep,
  states: FieldStates,
  notRendered: ReadonlySet<string>,
): StepView {
  const properties = (schema.properties ?? {}) as Record<string, RJSFSchema>;
  const fields = step.fields.filter((f) => Object.hasOwn(properties, f) && !notRendered.has(f) && states.visible(f));
  // The form's title and description are shown once, above the steps, not as a legend in each; the answers of
  // the other steps travel with this step's, so `additionalProperties: false` would reject them.
  const {
    properties: _all,
    required: _required,
    title: _title,
    description: _description,
    additionalProperties: _additional,
    ...rest
  } = schema;
  return {
    fields,
    schema: { ...rest, type: 'object', properties: pick(properties, fields), required: fields.filter(states.required) },
    uiSchema: { ...pick(uiSchema as Record<string, UiSchema>, fields), 'ui:order': [...fields] },
  };
}

/** Every visible field of the whole form, as one schema: the last check before sending. */
export function visibleFormView(
  schema: RJSFSchema,
  uiSchema: UiSchema,
  steps: readonly FormStep[],
  states: FieldStates,
  notRendered: ReadonlySet<string>,
): StepView {
  return stepView(schema, uiSchema, { id: '', title: {}, fields: steps.flatMap((s) => s.fields) }, states, notRendered);
}
