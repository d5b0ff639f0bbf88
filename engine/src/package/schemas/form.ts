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

/** Where a hidden field takes its value from: a UTM parameter, the referrer, the landing page or a named URL parameter. */
export const HIDDEN_SOURCE_PATTERN =
  '^(utm_source|utm_medium|utm_campaign|utm_term|utm_content|referrer|landingPage|param:[A-Za-z0-9_.-]{1,64})$';

const formFieldSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['field'],
  properties: {
    field: fieldNameSchema,
    label: labelSchema,
    help: labelSchema,
    placeholder: labelSchema,
    required: { type: 'boolean', description: 'the visitor must answer (also when the object does not require it)' },
    hidden: { type: 'boolean', description: 'not shown; filled from `from` or `default`' },
    from: {
      type: 'string',
      pattern: HIDDEN_SOURCE_PATTERN,
      description:
        'what fills a hidden field: "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "referrer", "landingPage" or "param:<name>"',
    },
    fromQuery: {
      type: 'string',
      pattern: '^[A-Za-z0-9_.-]{1,64}$',
      description: 'a query-string parameter that fills a hidden field, such as "utm_source" (older form of `from`)',
    },
    default: { description: 'the value used when the visitor gives none' },
    widget: {
      type: 'string',
      enum: ['text', 'textarea', 'select', 'radio', 'checkboxes'],
      description: 'how the field is drawn; by default from its type',
    },
    visibleWhen: {
      ...jsonLogicSchema,
      description: 'JSON Logic over the other answers: the field is shown (and its answer kept) only when true',
    },
    requiredWhen: {
      ...jsonLogicSchema,
      description: 'JSON Logic over the other answers: the field must be answered when true (and shown)',
    },
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
    locale: {
      type: 'string',
      pattern: '^[a-z]{2}(-[A-Z]{2})?$',
      description: "the form's language when the page asks for none; the app's default locale otherwise",
    },
    channel: {
      type: 'string',
      enum: ['form', 'event'],
      description: '"event" for an event sign-in form (a QR code at a booth); "form" otherwise',
    },
    as: {
      type: 'string',
      enum: ['clue', 'lead'],
      description: 'whether a submission lands as a raw clue or as a lead; the object default otherwise',
    },
    qualifyWhen: {
      ...jsonLogicSchema,
      description: 'JSON Logic over the submitted record: when true, the submission lands as a lead, not a clue',
    },
    fields: { type: 'array', minItems: 1, maxItems: 200, items: formFieldSchema },
    steps: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
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
      properties: {
        text: labelSchema,
        version: {
          type: 'string',
          pattern: '^[A-Za-z0-9_.-]{1,32}$',
          description: 'the version of the consent text, stored with each consent ("1" when not given)',
        },
        required: { type: 'boolean', description: 'no submission without consent (default true)' },
        field: { ...fieldNameSchema, description: 'a boolean field of the object that records the consent' },
      },
    },
    submitLabel: labelSchema,
    thankYou: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 1,
      properties: { message: labelSchema, redirectUrl: { type: 'string', format: 'uri', pattern: '^https?://' } },
    },
    allowedOrigins: {
      type: 'array',
      uniqueItems: true,
      maxItems: 50,
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
        honeypot: { type: 'boolean', description: 'a hidden trap field bots fill (default true)' },
        captcha: { type: 'string', enum: ['none', 'turnstile', 'hcaptcha', 'recaptcha'] },
        captchaSiteKey: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,200}$' },
        minFillSeconds: {
          type: 'integer',
          minimum: 0,
          maximum: 600,
          description: 'a submission sooner than this after the form was served is a bot (default 3)',
        },
        maxPerMinutePerIp: { type: 'integer', minimum: 1, maximum: 10000 },
        maxPerMinute: {
          type: 'integer',
          minimum: 1,
          maximum: 1000000,
          description: 'submissions per minute to this form from everyone',
        },
        blockedDomains: {
          type: 'array',
          uniqueItems: true,
          maxItems: 1000,
          items: {
            type: 'string',
            pattern: '^[a-z0-9.-]{1,253}$',
            description: 'an email domain such as "spam.example"',
          },
          description: 'submissions with an email at these domains are quarantined',
        },
      },
    },
  },
} as const;

export type FormDefinition = FromSchema<typeof formSchema>;
export type FormFieldDefinition = FormDefinition['fields'][number];
