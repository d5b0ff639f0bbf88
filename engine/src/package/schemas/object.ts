import type { FromSchema } from 'json-schema-to-ts';
import { FIELD_TYPES } from './fieldTypes.js';
import {
  DRAFT_07,
  fieldNameSchema,
  labelSchema,
  objectIdSchema,
  optionValueSchema,
  schemaKeySchema,
} from './shared.js';

/** Names the store and the API use for a record's own columns; a field may not take them. */
export const RESERVED_FIELD_NAMES = [
  'id',
  'object',
  'version',
  'owner',
  'team',
  'tenant',
  'tenant_id',
  'created_by',
  'created_at',
  'updated_at',
  'deleted_at',
  'data',
] as const;

const optionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['value', 'label'],
  properties: { value: optionValueSchema, label: labelSchema },
} as const;

const fieldSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'type', 'label'],
  properties: {
    name: { ...fieldNameSchema, not: { enum: RESERVED_FIELD_NAMES } },
    type: { type: 'string', enum: FIELD_TYPES },
    label: labelSchema,
    help: labelSchema,
    required: { type: 'boolean' },
    readonly: { type: 'boolean', description: 'set by the system (score, grade, stage): no API write may set it' },
    default: { description: 'the value a new record gets when none is given' },
    options: { type: 'array', minItems: 1, maxItems: 500, items: optionSchema },
    reference: objectIdSchema,
    min: { type: 'number' },
    max: { type: 'number' },
    pattern: { type: 'string', minLength: 1, maxLength: 500 },
    pii: { type: 'boolean' },
    indexed: { type: 'boolean' },
  },
  allOf: [
    {
      if: { required: ['type'], properties: { type: { enum: ['select', 'multiselect'] } } },
      // biome-ignore lint/suspicious/noThenProperty: `then` is a JSON Schema keyword here
      then: { required: ['options'], properties: { options: true } },
      else: { properties: { options: false } },
    },
    {
      if: { required: ['type'], properties: { type: { const: 'reference' } } },
      // biome-ignore lint/suspicious/noThenProperty: `then` is a JSON Schema keyword here
      then: { required: ['reference'], properties: { reference: true } },
      else: { properties: { reference: false } },
    },
    {
      if: { required: ['type'], properties: { type: { const: 'text' } } },
      else: { properties: { pattern: false } },
    },
    {
      if: { required: ['type'], properties: { type: { enum: ['text', 'longtext', 'number', 'integer', 'currency'] } } },
      else: { properties: { min: false, max: false } },
    },
  ],
} as const;

/** `objects/<name>.json`: an object (lead, company…) and its fields. */
export const objectSchema = {
  $schema: DRAFT_07,
  $id: 'https://leadforge.dev/schemas/object.schema.json',
  title: 'Leadforge object (objects/<name>.json)',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'label', 'fields'],
  properties: {
    $schema: schemaKeySchema,
    id: objectIdSchema,
    label: labelSchema,
    pluralLabel: labelSchema,
    fields: { type: 'array', minItems: 1, maxItems: 500, items: fieldSchema },
    dedupe: {
      type: 'array',
      items: { type: 'array', minItems: 1, uniqueItems: true, items: fieldNameSchema },
    },
    merge: {
      type: 'object',
      additionalProperties: false,
      description: 'how a capture that matches a dedupe key updates the existing record (issue 3)',
      properties: {
        newestWins: {
          type: 'array',
          uniqueItems: true,
          items: fieldNameSchema,
          description: 'fields a newer capture overwrites; every other field is only filled when empty',
        },
      },
    },
  },
} as const;

export type ObjectDefinition = FromSchema<typeof objectSchema>;
export type FieldDefinition = ObjectDefinition['fields'][number];
