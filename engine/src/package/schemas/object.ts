import type { FromSchema } from 'json-schema-to-ts';
import { FIELD_TYPES } from './fieldTypes.js';
import {
  DRAFT_07,
  definitionIdSchema,
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

/** One record a conversion creates (or links, when the target's dedupe keys find one). */
const conversionTargetSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'object'],
  properties: {
    id: { ...definitionIdSchema, description: 'the name later targets link to (e.g. "company")' },
    object: objectIdSchema,
    label: labelSchema,
    optional: {
      type: 'boolean',
      description: 'created only when the convert request names it (e.g. an opportunity)',
    },
    map: {
      type: 'object',
      maxProperties: 500,
      propertyNames: fieldNameSchema,
      additionalProperties: fieldNameSchema,
      description: 'target field → field of the converted record it is copied from',
    },
    set: {
      type: 'object',
      maxProperties: 500,
      propertyNames: fieldNameSchema,
      description: 'target field → a fixed value',
    },
    link: {
      type: 'object',
      maxProperties: 50,
      propertyNames: fieldNameSchema,
      additionalProperties: { type: 'string', minLength: 1, maxLength: 63 },
      description: 'target reference field → "source" (the converted record) or the id of an earlier target',
    },
    reuse: {
      type: 'boolean',
      description:
        "link an existing record matching the target object's dedupe keys instead of creating one (default true)",
    },
  },
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
    conversion: {
      type: 'object',
      additionalProperties: false,
      required: ['targets'],
      description: 'what converting a record creates (issue 6: lead → contact + company + opportunity)',
      properties: {
        targets: { type: 'array', minItems: 1, maxItems: 10, items: conversionTargetSchema },
        status: {
          type: 'object',
          additionalProperties: false,
          required: ['field', 'value'],
          description: 'the select field and option that mark the record converted',
          properties: { field: fieldNameSchema, value: optionValueSchema },
        },
      },
    },
  },
} as const;

export type ObjectDefinition = FromSchema<typeof objectSchema>;
export type FieldDefinition = ObjectDefinition['fields'][number];
export type ConversionDefinition = NonNullable<ObjectDefinition['conversion']>;
export type ConversionTarget = ConversionDefinition['targets'][number];
