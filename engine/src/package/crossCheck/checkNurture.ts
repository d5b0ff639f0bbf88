import type { NurtureDefinition } from '../schemas/index.js';
import { checkFieldRef, checkRule, checkUnique, findField, objectFor, report } from './references.js';
import type { CheckContext, Checked } from './types.js';

/** Steps have unique ids; messages go to an email field; the exit rule reads existing fields. */
export function checkNurture(ctx: CheckContext, { file, value: nurture }: Checked<NurtureDefinition>): void {
  checkUnique(
    ctx,
    file,
    nurture.steps.map((s, i) => ({ pointer: `/steps/${i}/id`, id: s.id })),
    'step',
  );
  const object = objectFor(ctx, file, '/object', nurture.object);
  if (!object) return;
  const field =
    nurture.emailField === undefined
      ? findField(object, 'email')
      : checkFieldRef(ctx, file, '/emailField', object, nurture.emailField);
  if (!field && nurture.emailField === undefined) {
    report(ctx, file, '/object', `object "${object.id}" has no "email" field; add one or name it with "emailField"`);
  }
  if (field && field.type !== 'email') {
    const at = nurture.emailField === undefined ? '/object' : '/emailField';
    report(ctx, file, at, `field "${field.name}" must be an email field to receive messages (it is ${field.type})`);
  }
  if (nurture.exitWhen !== undefined) checkRule(ctx, file, '/exitWhen', nurture.exitWhen, object);
}
