import type { FormDefinition } from '../schemas/index.js';
import { checkFieldRef, checkRule, checkUnique, objectFor, report } from './references.js';
import type { CheckContext, Checked } from './types.js';

/** A form captures existing, writable fields of its object, each once, and every required one. */
export function checkForm(ctx: CheckContext, { file, value: form }: Checked<FormDefinition>): void {
  const object = objectFor(ctx, file, '/object', form.object);
  checkUnique(
    ctx,
    file,
    form.fields.map((f, i) => ({ pointer: `/fields/${i}/field`, id: f.field })),
    'form field',
  );
  checkUnique(
    ctx,
    file,
    (form.steps ?? []).map((s, i) => ({ pointer: `/steps/${i}/id`, id: s.id })),
    'step',
  );
  const inForm = new Set(form.fields.map((f) => f.field));
  (form.steps ?? []).forEach((step, i) => {
    step.fields.forEach((name, j) => {
      if (!inForm.has(name))
        report(ctx, file, `/steps/${i}/fields/${j}`, `field "${name}" is not in this form's fields`);
    });
  });
  if (!object) return;
  form.fields.forEach((entry, i) => {
    const field = checkFieldRef(ctx, file, `/fields/${i}/field`, object, entry.field);
    if (field?.readonly) {
      report(ctx, file, `/fields/${i}/field`, `field "${field.name}" is read-only and cannot be captured by a form`);
    }
    if (entry.visibleWhen !== undefined) checkRule(ctx, file, `/fields/${i}/visibleWhen`, entry.visibleWhen, object);
  });
  for (const field of object.fields) {
    if (field.required && field.default === undefined && !field.readonly && !inForm.has(field.name)) {
      report(ctx, file, '/fields', `required field "${field.name}" of object "${object.id}" is missing from the form`);
    }
  }
  if (form.consent?.field !== undefined) {
    const field = checkFieldRef(ctx, file, '/consent/field', object, form.consent.field);
    if (field && field.type !== 'boolean') {
      report(ctx, file, '/consent/field', `field "${field.name}" must be a boolean field to record consent`);
    }
  }
}
