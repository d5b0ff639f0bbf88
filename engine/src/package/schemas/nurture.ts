import type { FromSchema } from 'json-schema-to-ts';
import {
  DRAFT_07,
  definitionIdSchema,
  durationSchema,
  fieldNameSchema,
  jsonLogicSchema,
  labelSchema,
  objectIdSchema,
  schemaKeySchema,
} from './shared.js';

/** A message template: locale → text with `{{field}}` placeholders filled from the record. */
const templateSchema = {
  ...labelSchema,
  description: "a template (locale → text); {{field}} is replaced by the record's value (HTML-escaped in HTML)",
} as const;

/** One step of a sequence; discriminated by `type`. Steps run in order unless a branch jumps. */
const stepSchema = {
  type: 'object',
  discriminator: { propertyName: 'type' },
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'id', 'subject', 'body'],
      properties: { type: { const: 'email' }, id: definitionIdSchema, subject: templateSchema, body: templateSchema },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'id', 'for'],
      properties: { type: { const: 'wait' }, id: definitionIdSchema, for: durationSchema },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'id', 'title'],
      properties: {
        type: { const: 'task' },
        id: definitionIdSchema,
        title: labelSchema,
        due: { ...durationSchema, description: 'the task is due this long after the step runs (default P1D)' },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'id', 'when', 'goTo'],
      properties: {
        type: { const: 'branch' },
        id: definitionIdSchema,
        when: { ...jsonLogicSchema, description: 'a JSON Logic condition on the record' },
        goTo: { ...definitionIdSchema, description: 'the step to jump to when `when` holds' },
        else: { ...definitionIdSchema, description: 'the step to jump to otherwise (default: the next step)' },
      },
    },
  ],
} as const;

/** `nurture/<name>.json`: a sequence of messages, waits and branches, left on exit conditions. */
export const nurtureSchema = {
  $schema: DRAFT_07,
  $id: 'https://leadforge.dev/schemas/nurture.schema.json',
  title: 'Leadforge nurture sequence (nurture/<name>.json)',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'object', 'steps'],
  properties: {
    $schema: schemaKeySchema,
    id: definitionIdSchema,
    object: objectIdSchema,
    label: labelSchema,
    emailField: { ...fieldNameSchema, description: 'the email field messages go to (default "email")' },
    endpoint: {
      type: 'string',
      pattern: '^[a-z0-9][a-z0-9_-]{0,63}$',
      description: 'the id of the email (SMTP) delivery endpoint messages go through (default "email")',
    },
    exitWhen: jsonLogicSchema,
    exitOn: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', enum: ['mql', 'reply'] },
      description:
        'leave when the record becomes an MQL (a score crossed into MQL) or replies (an email.replied event)',
    },
    steps: { type: 'array', minItems: 1, maxItems: 100, items: stepSchema },
    recycle: {
      type: 'object',
      additionalProperties: false,
      required: ['silentDays'],
      properties: {
        silentDays: {
          type: 'integer',
          minimum: 1,
          maximum: 3650,
          description: 'records with no event for this many days are enrolled again',
        },
        when: { ...jsonLogicSchema, description: 'a JSON Logic condition the silent record must meet' },
      },
      description: 'a daily sweep sends records silent for `silentDays` (back) into this sequence',
    },
  },
} as const;

export type NurtureDefinition = FromSchema<typeof nurtureSchema>;
export type NurtureStep = NurtureDefinition['steps'][number];
