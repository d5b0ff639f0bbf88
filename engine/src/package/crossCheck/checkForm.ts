import { didYouMean } from '../didYouMean.js';
import type { FormDefinition } from '../schemas/form.js';
import type { ObjectDefinition } from '../schemas/index.js';
import { exceedsDepth, jsonLogicVars, MAX_JSON_LOGIC_DEPTH } from './jsonLogic.js';
import { checkFieldRef, checkRule, checkUnique, objectFor, report } from './references.js';
import type { CheckContext, Checked } from './types.js';

/** Field types a visitor cannot answer on a public form (ids of users and records). */
const ANSWER_TYPES_NOT_ON_FORMS = new Set(['user', 'reference']);

/** A condition reads the other answers of the form: a field the form does not ask is always empty. */
function checkCondition(
  ctx: CheckContext,
  file: string,
  pointer: string,
  rule: unknown,
  self: string,
  object: ObjectDefinition,
  answers: ReadonlySet<string>,
): void {
  if (exceedsDepth(rule)) {
    report(ctx, file, pointer, `rule nests deeper than ${MAX_JSON_LOGIC_DEPTH} levels`);
    return;
  }
  const fields = object.fields.map((f) => f.name);
  for (const v of jsonLogicVars(rule, pointer)) {
    if (!fields.includes(v.name))
      report(ctx, file, v.pointer, `unknown field "${v.name}" on object "${object.id}"${didYouMean(v.name, fields)}`);
    else if (v.name === self)
      report(ctx, file, v.pointer, `a field's condition cannot read the field itself ("${self}")`);
    else if (!answers.has(v.name))
      report(
        ctx,
        file,
        v.pointer,
        `"${v.name}" is not a visible field of this form, so the condition could never see it`,
      );
  }
}

function checkSteps(ctx: CheckContext, file: string, form: FormDefinition, inForm: ReadonlySet<string>): void {
  const steps = form.steps ?? [];
  checkUnique(
    ctx,
    file,
    steps.map((s, i) => ({ pointer: `/steps/${i}/id`, id: s.id })),
    'step',
  );
  const placed = new Map<string, string>();
  steps.forEach((step, i) => {
    step.fields.forEach((name, j) => {
      const pointer = `/steps/${i}/fields/${j}`;
      if (!inForm.has(name)) report(ctx, file, pointer, `field "${name}" is not in this form's fields`);
      else if (placed.has(name)) report(ctx, file, pointer, `field "${name}" is already on step "${placed.get(name)}"`);
      else placed.set(name, step.id);
    });
  });
}

function checkFields(ctx: CheckContext, file: string, form: FormDefinition, object: ObjectDefinition): void {
  const visible = new Set(form.fields.filter((f) => !f.hidden).map((f) => f.field));
  form.fields.forEach((entry, i) => {
    const at = `/fields/${i}`;
    const field = checkFieldRef(ctx, file, `${at}/field`, object, entry.field);
    if (!field) return;
    if (field.readonly) {
      report(ctx, file, `${at}/field`, `field "${field.name}" is read-only and cannot be captured by a form`);
    }
    if (ANSWER_TYPES_NOT_ON_FORMS.has(field.type) && !entry.hidden) {
      report(ctx, file, `${at}/field`, `field "${field.name}" (${field.type}) cannot be asked on a public form`);
    }
    if (entry.hidden) {
      if (entry.from === undefined && entry.fromQuery === undefined && entry.default === undefined)
        report(ctx, file, at, `hidden field "${field.name}" needs "from" or "default" to get a value`);
      for (const key of ['visibleWhen', 'requiredWhen', 'required', 'widget'] as const) {
        if (entry[key] !== undefined) report(ctx, file, `${at}/${key}`, `a hidden field has no "${key}"`);
      }
    } else if (entry.from !== undefined || entry.fromQuery !== undefined) {
      report(
        ctx,
        file,
        `${at}/${entry.from !== undefined ? 'from' : 'fromQuery'}`,
        'only a hidden field is filled from the page',
      );
    }
    if (entry.from !== undefined && entry.fromQuery !== undefined)
      report(ctx, file, `${at}/fromQuery`, 'give "from" or "fromQuery", not both');
    const required = field.required === true && field.default === undefined;
    if (entry.visibleWhen !== undefined) {
      checkCondition(ctx, file, `${at}/visibleWhen`, entry.visibleWhen, entry.field, object, visible);
      if (required)
        report(
          ctx,
          file,
          `${at}/visibleWhen`,
          `field "${field.name}" is required by object "${object.id}", so it cannot be hidden by a condition`,
        );
    }
    if (entry.requiredWhen !== undefined)
      checkCondition(ctx, file, `${at}/requiredWhen`, entry.requiredWhen, entry.field, object, visible);
  });
}

function checkConsent(ctx: CheckContext, file: string, form: FormDefinition, object: ObjectDefinition): void {
  if (form.consent?.field === undefined) return;
  const field = checkFieldRef(ctx, file, '/consent/field', object, form.consent.field);
  if (field && field.type !== 'boolean') {
    report(ctx, file, '/consent/field', `field "${field.name}" must be a boolean field to record consent`);
  }
}

/**
 * A form captures existing, writable fields of its object, each once, and every required one;
 * conditions read only other answers of the form; a step places a field once (fields on no step
 * go on the last step).
 */
export function checkForm(ctx: CheckContext, { file, value: form }: Checked<FormDefinition>): void {
  const object = objectFor(ctx, file, '/object', form.object);
  checkUnique(
    ctx,
    file,
    form.fields.map((f, i) => ({ pointer: `/fields/${i}/field`, id: f.field })),
    'form field',
  );
  const inForm = new Set(form.fields.map((f) => f.field));
  checkSteps(ctx, file, form, inForm);
  if (!object) return;
  checkFields(ctx, file, form, object);
  for (const field of object.fields) {
    if (field.required && field.default === undefined && !field.readonly && !inForm.has(field.name)) {
      report(ctx, file, '/fields', `required field "${field.name}" of object "${object.id}" is missing from the form`);
    }
  }
  checkConsent(ctx, file, form, object);
  const protection = form.spamProtection;
  if (protection?.captcha !== undefined && protection.captcha !== 'none' && protection.captchaSiteKey === undefined)
    report(
      ctx,
      file,
      '/spamProtection',
      `captcha "${protection.captcha}" needs "captchaSiteKey", the key the page shows`,
    );
  if (form.qualifyWhen !== undefined) checkRule(ctx, file, '/qualifyWhen', form.qualifyWhen, object);
}
