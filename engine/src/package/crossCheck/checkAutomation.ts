import { endpointIdProblem } from '../../delivery/packageEndpoints.js';
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
    case 'compute-field':
      if (object) {
        checkFieldRef(ctx, file, `${at}/field`, object, action.field);
        checkRule(ctx, file, `${at}/rule`, action.rule, object);
      }
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
      checkNotify(ctx, file, at, action);
      return;
    case 'request-approval':
      if (action.role !== undefined) checkRoleRef(ctx, file, `${at}/role`, action.role);
      if ((action.role === undefined) === (action.approver === undefined))
        report(ctx, file, at, 'name exactly one of "role" or "approver"');
      return;
    case 'enroll-nurture':
    case 'unenroll-nurture':
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
    case 'convert':
      if (object && object.conversion === undefined)
        report(ctx, file, at, `object "${object.id}" defines no conversion`);
      return;
    case 'create-task':
    case 'send-email':
    case 'webhook':
    case 'add-to-list':
    case 'wait':
      return;
  }
}

type NotifyAction = Extract<AutomationAction, { type: 'notify' }>;

/** In-app goes to users (owner, manager or a role); the other channels go through an endpoint. */
function checkNotify(ctx: CheckContext, file: string, at: string, action: NotifyAction): void {
  const channel = action.channel ?? 'in-app';
  if (action.role !== undefined) checkRoleRef(ctx, file, `${at}/role`, action.role);
  if (channel === 'in-app') {
    if (action.endpoint !== undefined) report(ctx, file, `${at}/endpoint`, 'an in-app notification has no endpoint');
    if (action.role !== undefined && action.to !== undefined)
      report(ctx, file, `${at}/to`, 'name either "to" or "role", not both');
    return;
  }
  if (action.endpoint === undefined) report(ctx, file, at, `a ${channel} notification needs an "endpoint"`);
  if (action.role !== undefined)
    report(ctx, file, `${at}/role`, `a ${channel} notification goes to its endpoint, not to a role`);
  if (channel !== 'email' && action.to !== undefined)
    report(ctx, file, `${at}/to`, `a ${channel} notification goes to its endpoint's group`);
}

/** A time-based trigger reads a date or datetime field. */
function checkTimeField(ctx: CheckContext, file: string, object: ObjectDefinition, name: string): void {
  const field = checkFieldRef(ctx, file, '/trigger/field', object, name);
  if (field && field.type !== 'date' && field.type !== 'datetime')
    report(ctx, file, '/trigger/field', `field "${name}" is a ${field.type} field, not a date or datetime`);
}

/**
 * A step that sends (webhook, send-email, notify) names an endpoint by id; its URL and secrets are
 * configured through the API, never in the package. A URL here is refused, with what the SSRF
 * rules say about it; that the endpoint exists and is sound is checked at publish.
 */
function checkEndpointRef(ctx: CheckContext, file: string, at: string, action: AutomationAction): void {
  const endpoint = (action as { endpoint?: unknown }).endpoint;
  if (typeof endpoint !== 'string') return;
  const problem = endpointIdProblem(endpoint);
  if (problem) report(ctx, file, at, problem);
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
      if ((trigger.from !== undefined || trigger.to !== undefined) && trigger.fields?.length !== 1)
        report(ctx, file, '/trigger', '"from" and "to" need exactly one field in "fields"');
      break;
    case 'field.after':
    case 'field.at':
      if (object) checkTimeField(ctx, file, object, trigger.field);
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
    checkEndpointRef(ctx, file, `/actions/${i}/endpoint`, action);
  });
}
