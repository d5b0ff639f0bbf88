import type { FromSchema } from 'json-schema-to-ts';
import {
  DRAFT_07,
  definitionIdSchema,
  fieldNameSchema,
  jsonLogicSchema,
  labelSchema,
  objectIdSchema,
  schemaKeySchema,
} from './shared.js';

const formFieldSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['field'],
  properties: {
    field: fieldNameSchema,
    label: labelSchema,
    help: labelSchema,
    placeholder: labelSchema,
    required: { type: 'boolean' },
    hidden: { type: 'boolean', description: 'not shown; filled from `default` or the query string' },
    fromQuery: {
      type: 'string',
      pattern: '^[A-Za-z0-9_.-]{1,64}$',
      description: 'a query-string parameter that fills the field, such as "utm_source"',
    },
    default: { description: 'the value used when the visitor gives none' },
    visibleWhen: jsonLogicSchema,
  },
} as const;

/** `forms/<name>.json`: a capture form for one object. */
export const formSchema = {
  $schema: DRAFT_07,
  $id: 'https://leadforge.dev/schemas/form.schema.json',
  title: 'Leadforge capture form (forms/<name>.json)',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'object', 'label', 'fields'],
  properties: {
    $schema: schemaKeySchema,
    id: definitionIdSchema,
    object: objectIdSchema,
    label: labelSchema,
    description: labelSchema,
    fields: { type: 'array', minItems: 1, maxItems: 200, items: formFieldSchema },
    steps: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'label', 'fields'],
        properties: {
          id: definitionIdSchema,
          label: labelSchema,
          fields: { type: 'array', minItems: 1, uniqueItems: true, items: fieldNameSchema },
        },
      },
    },
    consent: {
      type: 'object',
      additionalProperties: false,
      required: ['text'],
      properties: { text: labelSchema, required: { type: 'boolean' }, field: fieldNameSchema },
    },
    submitLabel: labelSchema,
    thankYou: {
      type: 'object',
      additionalProperties: false,
      properties: { message: labelSchema, redirectUrl: { type: 'string', format: 'uri' } },
    },
    allowedOrigins: {
      type: 'array',
      uniqueItems: true,
      items: {
        type: 'string',
        pattern: '^https?://[^/\\s]+$',
        description: 'an origin such as "https://www.example.com"',
      },
    },
    spamProtection: {
      type: 'object',
      additionalProperties: false,
      properties: {
        honeypot: { type: 'boolean' },
        captcha: { type: 'string', enum: ['none', 'turnstile', 'hcaptcha', 'recaptcha'] },
        maxPerMinutePerIp: { type: 'integer', minimum: 1, maximum: 10000 },
      },
    },
  },
} as const;

export type FormDefinition = FromSchema<typeof formSchema>;
