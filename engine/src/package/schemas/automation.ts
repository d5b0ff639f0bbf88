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

/** What starts an automation; discriminated by `type`. */
const triggerSchema = {
  type: 'object',
  discriminator: { propertyName: 'type' },
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: { type: { const: 'record.created' } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: { const: 'record.updated' },
        fields: { type: 'array', minItems: 1, uniqueItems: true, items: fieldNameSchema },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'stage'],
      properties: { type: { const: 'stage.entered' }, stage: optionValueSchema },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'stage'],
      properties: { type: { const: 'stage.exited' }, stage: optionValueSchema },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: { type: { const: 'score.changed' }, grade: optionValueSchema, mql: { type: 'boolean' } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'event'],
      properties: { type: { const: 'event' }, event: eventNameSchema },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'form'],
      properties: { type: { const: 'form.submitted' }, form: definitionIdSchema },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'every'],
      properties: {
        type: { const: 'schedule' },
        every: { type: 'string', enum: ['hour', 'day', 'week'] },
        at: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'a time of day such as "09:30"' },
      },
    },
  ],
} as const;

/** One step of an automation; discriminated by `type`. `wait` delays the steps after it. */
const actionSchema = {
  type: 'object',
  discriminator: { propertyName: 'type' },
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'field', 'value'],
      properties: { type: { const: 'set-field' }, field: fieldNameSchema, value: {} },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'stage'],
      properties: { type: { const: 'set-stage' }, stage: optionValueSchema },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'routing'],
      properties: { type: { const: 'assign' }, routing: definitionIdSchema },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'title'],
      properties: {
        type: { const: 'create-task' },
        title: labelSchema,
        due: durationSchema,
        assignTo: { type: 'string', enum: ['owner', 'team'] },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'to', 'subject', 'body'],
      properties: {
        type: { const: 'send-email' },
        to: { type: 'string', enum: ['record', 'owner'] },
        subject: labelSchema,
        body: labelSchema,
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'message'],
      properties: { type: { const: 'notify' }, role: definitionIdSchema, message: labelSchema },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'url'],
      properties: {
        type: { const: 'webhook' },
        url: { type: 'string', format: 'uri', pattern: '^https?://', description: 'an http or https URL' },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'nurture'],
      properties: { type: { const: 'enroll-nurture' }, nurture: definitionIdSchema },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'for'],
      properties: { type: { const: 'wait' }, for: durationSchema },
    },
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
