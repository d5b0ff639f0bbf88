import type { FromSchema } from 'json-schema-to-ts';
import {
  DRAFT_07,
  definitionIdSchema,
  durationSchema,
  eventNameSchema,
  fieldNameSchema,
  jsonLogicSchema,
  labelSchema,
  objectIdSchema,
  optionValueSchema,
  schemaKeySchema,
} from './shared.js';

/** One variant of a discriminated union: its `type` const plus its own properties, strict. */
function variant<const T extends string, const P extends Record<string, unknown>, const R extends readonly string[]>(
  type: T,
  properties: P,
  required: R,
) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['type', ...required],
    properties: { type: { const: type }, ...properties },
  } as const;
}

const timeOfDaySchema = {
  type: 'string',
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
  description: 'a time of day such as "09:30", in the app\'s time zone',
} as const;

/** What starts an automation; discriminated by `type`. */
const triggerSchema = {
  type: 'object',
  discriminator: { propertyName: 'type' },
  oneOf: [
    variant('record.created', {}, []),
    variant(
      'record.updated',
      {
        fields: {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: fieldNameSchema,
          description: 'fires only when one of these fields changed (default: any change)',
        },
        from: { description: 'with one field: fires only when its old value equals this' },
        to: { description: 'with one field: fires only when its new value equals this' },
      },
      [],
    ),
    variant('stage.entered', { stage: optionValueSchema }, ['stage']),
    variant('stage.exited', { stage: optionValueSchema }, ['stage']),
    variant(
      'score.changed',
      {
        grade: { ...optionValueSchema, description: 'fires when the lead reaches this grade' },
        mql: { type: 'boolean', description: 'true: fires when the lead becomes an MQL' },
      },
      [],
    ),
    variant('event', { event: eventNameSchema }, ['event']),
    variant('form.submitted', { form: definitionIdSchema }, ['form']),
    variant(
      'schedule',
      {
        every: { type: 'string', enum: ['hour', 'day', 'week'] },
        at: timeOfDaySchema,
        weekday: {
          type: 'string',
          enum: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
          description: 'with every "week": the day (default monday)',
        },
      },
      ['every'],
    ),
    variant('field.after', { field: fieldNameSchema, delay: durationSchema }, ['field', 'delay']),
    variant('field.at', { field: fieldNameSchema }, ['field']),
    variant('event.after', { event: eventNameSchema, delay: durationSchema }, ['event', 'delay']),
    variant('sla.breached', { sla: definitionIdSchema }, []),
    variant('task.overdue', {}, []),
  ],
} as const;

const endpointIdSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  description: 'the id of a delivery endpoint (docs/delivery.md)',
} as const;

/** One step of an automation; discriminated by `type`. `wait` delays the steps after it. */
const actionSchema = {
  type: 'object',
  discriminator: { propertyName: 'type' },
  oneOf: [
    variant('set-field', { field: fieldNameSchema, value: {} }, ['field', 'value']),
    variant(
      'compute-field',
      { field: fieldNameSchema, rule: { ...jsonLogicSchema, description: 'JSON Logic over the record' } },
      ['field', 'rule'],
    ),
    variant('set-stage', { stage: optionValueSchema }, ['stage']),
    variant('assign', { routing: definitionIdSchema }, ['routing']),
    variant(
      'create-task',
      {
        title: labelSchema,
        due: durationSchema,
        assignTo: { type: 'string', enum: ['owner', 'team'] },
        priority: { type: 'string', enum: ['low', 'normal', 'high', 'urgent'] },
        kind: { type: 'string', enum: ['call', 'email', 'visit', 'meeting', 'todo'] },
      },
      ['title'],
    ),
    variant(
      'send-email',
      {
        endpoint: endpointIdSchema,
        to: { type: 'string', enum: ['record', 'owner'] },
        subject: labelSchema,
        body: labelSchema,
      },
      ['endpoint', 'to', 'subject', 'body'],
    ),
    variant(
      'notify',
      {
        channel: {
          type: 'string',
          enum: ['in-app', 'email', 'wecom', 'dingtalk'],
          description: 'default in-app; the others send through the endpoint',
        },
        to: {
          type: 'string',
          enum: ['owner', 'manager'],
          description: "in-app and email: the record owner (default) or the owner's manager",
        },
        role: { ...definitionIdSchema, description: 'in-app: every user with this role instead' },
        endpoint: endpointIdSchema,
        title: labelSchema,
        message: labelSchema,
      },
      ['message'],
    ),
    variant('webhook', { endpoint: endpointIdSchema }, ['endpoint']),
    variant('enroll-nurture', { nurture: definitionIdSchema }, ['nurture']),
    variant('unenroll-nurture', { nurture: definitionIdSchema }, ['nurture']),
    variant(
      'request-approval',
      {
        role: { ...definitionIdSchema, description: 'approvers: users with this role' },
        approver: { type: 'string', enum: ['manager'], description: "approver: the owner's manager" },
        reason: labelSchema,
      },
      [],
    ),
    variant('convert', {}, []),
    variant('add-to-list', { list: definitionIdSchema }, ['list']),
    variant('wait', { for: durationSchema }, ['for']),
  ],
} as const;

/** `automations/<name>.json`: trigger → conditions → actions (with waits). */
export const automationSchema = {
  $schema: DRAFT_07,
  $id: 'https://leadforge.dev/schemas/automation.schema.json',
  title: 'Leadforge automation (automations/<name>.json)',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'object', 'trigger', 'actions'],
  properties: {
    $schema: schemaKeySchema,
    id: definitionIdSchema,
    object: objectIdSchema,
    label: labelSchema,
    enabled: { type: 'boolean' },
    trigger: triggerSchema,
    conditions: jsonLogicSchema,
    actions: { type: 'array', minItems: 1, maxItems: 50, items: actionSchema },
  },
} as const;

export type AutomationDefinition = FromSchema<typeof automationSchema>;
export type AutomationTrigger = AutomationDefinition['trigger'];
export type AutomationAction = AutomationDefinition['actions'][number];
export type AutomationTriggerType = AutomationTrigger['type'];
export type AutomationActionType = AutomationAction['type'];
