import type { AutomationAction, AutomationDefinition, ObjectDefinition } from '../schemas/index.js';
import {
  checkDefinitionRef,
  checkFieldRef,
  checkRoleRef,
  checkRule,
  checkStageRef,
  objectFor,
  report,
} from './references.js';
import type { CheckContext, Checked } from './types.js';

/** A definition another one uses must be about the same object. */
function checkSameObject(
  ctx: CheckContext,
  file: string,
  at: string,
  what: string,
  theirs: string | undefined,
  ours: string,
): void {
  if (theirs !== undefined && theirs !== ours)
    report(ctx, file, at, `${what} is about object "${theirs}", not "${ours}"`);
}

function checkAction(
  ctx: CheckContext,
  file: string,
  at: string,
  action: AutomationAction,
  automation: AutomationDefinition,
  object: ObjectDefinition | undefined,
): void {
  switch (action.type) {
    case 'set-field':
      if (object) checkFieldRef(ctx, file, `${at}/field`, object, action.field);
      return;
    case 'set-stage':
      if (object) checkStageRef(ctx, file, `${at}/stage`, object.id, action.stage);
      return;
    case 'assign':
      if (checkDefinitionRef(ctx, file, `${at}/routing`, 'routing', action.routing)) {
        const routing = ctx.checked.routing.get(action.routing)?.value;
        checkSameObject(ctx, file, `${at}/routing`, `routing "${action.routing}"`, routing?.object, automation.object);
      }
      return;
    case 'notify':
      if (action.role !== undefined) checkRoleRef(ctx, file, `${at}/role`, action.role);
      return;
    case 'enroll-nurture':
      if (checkDefinitionRef(ctx, file, `${at}/nurture`, 'nurture', action.nurture)) {
        const nurture = ctx.checked.nurture.get(action.nurture)?.value;
        checkSameObject(
          ctx,
          file,
          `${at}/nurture`,
          `nurture sequence "${action.nurture}"`,
          nurture?.object,
          automation.object,
        );
      }
      return;
    case 'create-task':
    case 'send-email':
    case 'webhook':
    case 'wait':
      return;
  }
}

/** Triggers, conditions and actions name existing fields, stages, forms, routing, nurture and roles. */
export function checkAutomation(ctx: CheckContext, { file, value: automation }: Checked<AutomationDefinition>): void {
  const object = objectFor(ctx, file, '/object', automation.object);
  const trigger = automation.trigger;
  switch (trigger.type) {
    case 'record.updated':
      if (object) {
        (trigger.fields ?? []).forEach((name, i) => {
          checkFieldRef(ctx, file, `/trigger/fields/${i}`, object, name);
        });
      }
      break;
    case 'stage.entered':
    case 'stage.exited':
      if (object) checkStageRef(ctx, file, '/trigger/stage', object.id, trigger.stage);
      break;
    case 'form.submitted':
      if (checkDefinitionRef(ctx, file, '/trigger/form', 'form', trigger.form)) {
        const form = ctx.checked.form.get(trigger.form)?.value;
        checkSameObject(ctx, file, '/trigger/form', `form "${trigger.form}"`, form?.object, automation.object);
      }
      break;
    default:
      break;
  }
  if (object && automation.conditions !== undefined) {
    checkRule(ctx, file, '/conditions', automation.conditions, object);
  }
  automation.actions.forEach((action, i) => {
    checkAction(ctx, file, `/actions/${i}`, action, automation, object);
  });
}
