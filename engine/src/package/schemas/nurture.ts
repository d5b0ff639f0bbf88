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

/** One step of a sequence; discriminated by `type`. */
const stepSchema = {
  type: 'object',
  discriminator: { propertyName: 'type' },
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'id', 'subject', 'body'],
      properties: { type: { const: 'email' }, id: definitionIdSchema, subject: labelSchema, body: labelSchema },
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
      properties: { type: { const: 'task' }, id: definitionIdSchema, title: labelSchema },
    },
  ],
} as const;

/** `nurture/<name>.json`: a sequence of messages and waits, left when `exitWhen` holds. */
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
    exitWhen: jsonLogicSchema,
    steps: { type: 'array', minItems: 1, maxItems: 100, items: stepSchema },
  },
} as const;

export type NurtureDefinition = FromSchema<typeof nurtureSchema>;
