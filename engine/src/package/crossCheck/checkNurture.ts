import { didYouMean } from '../didYouMean.js';
import type { NurtureDefinition, ObjectDefinition } from '../schemas/index.js';
import { checkFieldRef, checkRule, checkUnique, findField, objectFor, report } from './references.js';
import type { CheckContext, Checked } from './types.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Every `{{field}}` of a template names a field of the object. */
function checkTemplate(
  ctx: CheckContext,
  file: string,
  at: string,
  template: Readonly<Record<string, string>>,
  object: ObjectDefinition,
): void {
  for (const [locale, text] of Object.entries(template)) {
    for (const match of text.matchAll(PLACEHOLDER)) {
      const name = match[1]!;
      if (findField(object, name)) continue;
      const known = object.fields.map((f) => f.name);
      report(
        ctx,
        file,
        `${at}/${locale}`,
        `{{${name}}} names no field of object "${object.id}"${didYouMean(name, known)}`,
      );
    }
  }
}

/** True when a jump from the branch at `branch` back to step `target` passes a wait (a forward jump needs none). */
function waitsBetween(nurture: NurtureDefinition, target: number, branch: number): boolean {
  if (target > branch) return true;
  return nurture.steps.slice(target, branch).some((s) => s.type === 'wait');
}

/** Steps have unique ids, branches jump to existing steps, templates and rules read existing fields. */
function checkSteps(ctx: CheckContext, file: string, nurture: NurtureDefinition, object: ObjectDefinition): void {
  const ids = nurture.steps.map((s) => s.id);
  nurture.steps.forEach((step, i) => {
    const at = `/steps/${i}`;
    if (step.type === 'email') {
      checkTemplate(ctx, file, `${at}/subject`, step.subject, object);
      checkTemplate(ctx, file, `${at}/body`, step.body, object);
    }
    if (step.type !== 'branch') return;
    checkRule(ctx, file, `${at}/when`, step.when, object);
    for (const key of ['goTo', 'else'] as const) {
      const target = step[key];
      if (target === undefined) continue;
      if (!ids.includes(target))
        report(ctx, file, `${at}/${key}`, `unknown step "${target}"${didYouMean(target, ids)}`);
      else if (target === step.id) report(ctx, file, `${at}/${key}`, `a branch cannot jump to itself`);
      else if (!waitsBetween(nurture, ids.indexOf(target), i)) {
        report(
          ctx,
          file,
          `${at}/${key}`,
          `jumping back to "${target}" needs a wait step in the loop (it would never pause)`,
        );
      }
    }
  });
}

/** Messages go to an email field; steps, exit and recycle rules read existing fields. */
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
  if (nurture.recycle?.when !== undefined) checkRule(ctx, file, '/recycle/when', nurture.recycle.when, object);
  if (nurture.exitOn?.includes('mql')) {
    const scored = [...ctx.checked.scoring.values()].some((s) => s.value.object === object.id);
    if (!scored && ctx.checked.scoring.size === ctx.present.scoring.size) {
      report(ctx, file, '/exitOn', `exit on "mql" needs a scoring model of object "${object.id}"`);
    }
  }
  checkSteps(ctx, file, nurture, object);
}
