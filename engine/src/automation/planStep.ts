import { parseDurationMs } from '../calendar/parseDuration.js';
import { fillTemplate, labelText } from '../delivery/actions.js';
import type { EvaluationContext } from '../rules/types.js';
import { conditionData } from './decideRun.js';
import type { AutomationRecord, CompiledAutomation } from './types.js';

/**
 * One step planned (pure): what the runtime does for it. `filter` steps change the record inside
 * the run's transaction; `effect` steps write to the outbox, notifications or other tables in the
 * same transaction and reach the outside world after commit (STYLE lesson 6).
 */
export type StepPlan =
  | { readonly kind: 'update'; readonly phase: 'filter'; readonly set: Readonly<Record<string, unknown>> }
  | { readonly kind: 'route'; readonly phase: 'filter'; readonly routing: string }
  | {
      readonly kind: 'task';
      readonly phase: 'effect';
      readonly title: string;
      readonly dueAt: Date | null;
      readonly priority: 'low' | 'normal' | 'high' | 'urgent';
      readonly taskKind: string;
      readonly assignTo: 'owner' | 'team';
    }
  | {
      readonly kind: 'deliver';
      readonly phase: 'effect';
      /** The plugin action that plans the delivery (`email.send`, `wecom.notify`, …). */
      readonly action: string;
      readonly config: Readonly<Record<string, unknown>>;
      /** `to: owner/manager` of an email: the runtime fills the address in. */
      readonly recipient?: 'owner' | 'manager';
    }
  | {
      readonly kind: 'in-app';
      readonly phase: 'effect';
      readonly to: 'owner' | 'manager' | null;
      readonly role: string | null;
      readonly title: string;
      readonly body: string;
    }
  | { readonly kind: 'enroll' | 'unenroll'; readonly phase: 'effect'; readonly nurture: string }
  | {
      readonly kind: 'approval';
      readonly phase: 'effect';
      readonly role: string | null;
      readonly reason: string | null;
    }
  | { readonly kind: 'convert'; readonly phase: 'effect' }
  /** A move through the object's pipeline (guards, approvals, stage history); a plain field write when it has none. */
  | { readonly kind: 'stage'; readonly phase: 'filter'; readonly stage: string; readonly field: string }
  | { readonly kind: 'list'; readonly phase: 'effect'; readonly list: string }
  | { readonly kind: 'wait'; readonly phase: 'filter'; readonly until: Date }
  | { readonly kind: 'error'; readonly phase: 'filter'; readonly message: string };

export interface StepInput {
  readonly automation: CompiledAutomation;
  readonly index: number;
  readonly record: AutomationRecord;
  readonly event: Readonly<Record<string, unknown>> | null;
  readonly locale: string;
  /** The field holding the record's stage (AppAutomations.stageField). */
  readonly stageField: string;
  readonly context: EvaluationContext;
}

function text(label: Readonly<Record<string, string>> | undefined, record: AutomationRecord, locale: string): string {
  return label ? fillTemplate(labelText(label, locale), record.data) : '';
}

const NOTIFY_ACTIONS = { email: 'email.send', wecom: 'wecom.notify', dingtalk: 'dingtalk.notify' } as const;

/** Plans step `index` of an automation for the record as it is now. */
export function planStep({ automation, index, record, event, locale, stageField, context }: StepInput): StepPlan {
  const action = automation.actions[index];
  if (!action) return { kind: 'error', phase: 'filter', message: `there is no step ${index}` };
  const now = context.now;
  switch (action.type) {
    case 'set-field':
      return { kind: 'update', phase: 'filter', set: { [action.field]: action.value } };
    case 'compute-field': {
      const outcome = automation.computed.get(index)!.evaluate(conditionData(record, event), context);
      if (!outcome.ok) return { kind: 'error', phase: 'filter', message: `the rule failed: ${outcome.error.message}` };
      return { kind: 'update', phase: 'filter', set: { [action.field]: outcome.value } };
    }
    case 'set-stage':
      return { kind: 'stage', phase: 'filter', stage: action.stage, field: stageField };
    case 'assign':
      return { kind: 'route', phase: 'filter', routing: action.routing };
    case 'create-task':
      return {
        kind: 'task',
        phase: 'effect',
        title: text(action.title, record, locale),
        dueAt: action.due ? new Date(now.getTime() + parseDurationMs(action.due)) : null,
        priority: action.priority ?? 'normal',
        taskKind: action.kind ?? 'todo',
        assignTo: action.assignTo ?? 'owner',
      };
    case 'send-email':
      return {
        kind: 'deliver',
        phase: 'effect',
        action: 'email.send',
        config: {
          endpoint: action.endpoint,
          subject: action.subject,
          body: action.body,
          ...(action.to === 'record' ? { to: ['{{email}}'] } : {}),
        },
        ...(action.to === 'owner' ? { recipient: 'owner' as const } : {}),
      };
    case 'notify': {
      const channel = action.channel ?? 'in-app';
      if (channel === 'in-app')
        return {
          kind: 'in-app',
          phase: 'effect',
          to: action.role ? null : (action.to ?? 'owner'),
          role: action.role ?? null,
          title: action.title ? text(action.title, record, locale) : text(action.message, record, locale),
          body: text(action.message, record, locale),
        };
      const config =
        channel === 'email'
          ? { endpoint: action.endpoint, subject: action.title ?? action.message, body: action.message }
          : { endpoint: action.endpoint, text: action.message, ...(action.title ? { title: action.title } : {}) };
      return {
        kind: 'deliver',
        phase: 'effect',
        action: NOTIFY_ACTIONS[channel],
        config,
        ...(channel === 'email' ? { recipient: action.to ?? 'owner' } : {}),
      };
    }
    case 'webhook':
      return { kind: 'deliver', phase: 'effect', action: 'webhook.send', config: { endpoint: action.endpoint } };
    case 'enroll-nurture':
      return { kind: 'enroll', phase: 'effect', nurture: action.nurture };
    case 'unenroll-nurture':
      return { kind: 'unenroll', phase: 'effect', nurture: action.nurture };
    case 'request-approval':
      return {
        kind: 'approval',
        phase: 'effect',
        role: action.role ?? null,
        reason: action.reason ? text(action.reason, record, locale) : null,
      };
    case 'convert':
      return { kind: 'convert', phase: 'effect' };
    case 'add-to-list':
      return { kind: 'list', phase: 'effect', list: action.list };
    case 'wait':
      return { kind: 'wait', phase: 'filter', until: new Date(now.getTime() + parseDurationMs(action.for)) };
  }
}
