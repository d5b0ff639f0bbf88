import type { FromSchema } from 'json-schema-to-ts';
import { CHART_TYPES } from '../../reports/types.js';
import {
  DRAFT_07,
  definitionIdSchema,
  fieldNameSchema,
  labelSchema,
  objectIdSchema,
  schemaKeySchema,
} from './shared.js';

export const MEASURE_OPS = ['count', 'count_distinct', 'sum', 'avg', 'min', 'max'] as const;

/** `reports/<name>.json`: source object, filters, dimensions, measures and chart. */
export const reportSchema = {
  $schema: DRAFT_07,
  $id: 'https://leadforge.dev/schemas/report.schema.json',
  title: 'Leadforge report (reports/<name>.json)',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'object', 'label', 'measures'],
  properties: {
    $schema: schemaKeySchema,
    id: definitionIdSchema,
    object: objectIdSchema,
    label: labelSchema,
    description: labelSchema,
    filters: {
      type: 'object',
      description: 'a filter such as {"status": {"$in": ["lead", "qualified"]}}',
    },
    dimensions: {
      type: 'array',
      maxItems: 3,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['field'],
        properties: {
          field: fieldNameSchema,
          bucket: { type: 'string', enum: ['day', 'week', 'month', 'quarter', 'year'] },
          label: labelSchema,
        },
      },
    },
    measures: {
      type: 'array',
      minItems: 1,
      maxItems: 10,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'op'],
        properties: {
          id: definitionIdSchema,
          op: { type: 'string', enum: MEASURE_OPS },
          field: fieldNameSchema,
          label: labelSchema,
        },
        if: { required: ['op'], properties: { op: { enum: ['sum', 'avg', 'min', 'max', 'count_distinct'] } } },
        // biome-ignore lint/suspicious/noThenProperty: `then` is a JSON Schema keyword here
        then: { required: ['field'], properties: { field: true } },
      },
    },
    chart: {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: { type: 'string', enum: CHART_TYPES },
        max: { type: 'number', exclusiveMinimum: 0, description: 'gauge: the end of the dial (default 100)' },
      },
    },
    sort: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['by'],
        properties: { by: definitionIdSchema, direction: { type: 'string', enum: ['asc', 'desc'] } },
      },
    },
    limit: { type: 'integer', minimum: 1, maximum: 10000 },
  },
} as const;

export type ReportDefinition = FromSchema<typeof reportSchema>;
