import type { FromSchema } from 'json-schema-to-ts';
import { CHART_TYPES } from '../../reports/types.js';
import { dateRangeSchema, reportAnalysisSchema } from './reportAnalysis.js';
import {
  DRAFT_07,
  definitionIdSchema,
  labelSchema,
  objectIdSchema,
  optionValueSchema,
  schemaKeySchema,
} from './shared.js';

export const MEASURE_OPS = [
  'count',
  'count_distinct',
  'sum',
  'avg',
  'min',
  'max',
  'median',
  'percentile',
  'conversion',
  'duration',
  'ratio',
] as const;

export const REPORT_SOURCES = ['object', 'events', 'activities', 'stage_history'] as const;
export const DATE_BUCKETS = ['day', 'week', 'month', 'quarter', 'year'] as const;

/** A field of the report's object, a system name (`created_at`, `owner`…) or `reference.field` (`company.industry`). */
const reportFieldSchema = {
  type: 'string',
  pattern: '^[a-z][a-z0-9_]{0,62}(\\.[a-z][a-z0-9_]{0,62})?$',
  description: 'a field name, a system name (owner, team, channel, stage, created_at…) or reference.field',
} as const;

const measureFilterSchema = {
  type: 'object',
  description: 'only records matching this filter count towards the measure (SQL FILTER)',
} as const;

/** One measure variant: its `op` const plus its own properties, strict. */
function measure<const O extends string, const P extends Record<string, unknown>, const R extends readonly string[]>(
  op: O,
  properties: P,
  required: R,
) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'op', ...required],
    properties: {
      id: definitionIdSchema,
      op: { const: op },
      label: labelSchema,
      filter: measureFilterSchema,
      ...properties,
    },
  } as const;
}

const field = { field: reportFieldSchema } as const;

const measureSchema = {
  type: 'object',
  discriminator: { propertyName: 'op' },
  oneOf: [
    measure('count', {}, []),
    measure('count_distinct', field, ['field']),
    measure('sum', field, ['field']),
    measure('avg', field, ['field']),
    measure('min', field, ['field']),
    measure('max', field, ['field']),
    measure('median', field, ['field']),
    measure('percentile', { ...field, p: { type: 'number', minimum: 0, maximum: 100 } }, ['field', 'p']),
    measure('conversion', { from: optionValueSchema, to: optionValueSchema }, ['from', 'to']),
    measure(
      'duration',
      {
        from: optionValueSchema,
        to: optionValueSchema,
        stat: { type: 'string', enum: ['median', 'avg'], description: 'default median' },
        unit: { type: 'string', enum: ['hours', 'days'], description: 'default days' },
      },
      ['from', 'to'],
    ),
    measure('ratio', { numerator: definitionIdSchema, denominator: definitionIdSchema }, ['numerator', 'denominator']),
  ],
} as const;

/**
 * `reports/<name>.json`: either a generic report (source, object, filters, period, dimensions,
 * measures, sort, limit, chart) or a built-in analysis (`analysis`, see reportAnalysis.ts).
 */
export const reportSchema = {
  $schema: DRAFT_07,
  $id: 'https://leadforge.dev/schemas/report.schema.json',
  title: 'Leadforge report (reports/<name>.json)',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'label'],
  properties: {
    $schema: schemaKeySchema,
    id: definitionIdSchema,
    label: labelSchema,
    description: labelSchema,
    analysis: reportAnalysisSchema,
    source: {
      type: 'string',
      enum: REPORT_SOURCES,
      description: 'what one row counts: records of the object (default), their events, activities or stage stays',
    },
    object: objectIdSchema,
    filters: {
      type: 'object',
      description:
        'a filter over the object such as {"status": {"$in": ["lead", "qualified"]}}; dates may be relative: {"createdAt": {"$within": "last_30_days"}}',
    },
    period: {
      type: 'object',
      additionalProperties: false,
      required: ['range'],
      properties: {
        field: { ...reportFieldSchema, description: 'the date field the period applies to (default created_at)' },
        range: dateRangeSchema,
        compare: { type: 'string', enum: ['previous_period', 'previous_year'] },
      },
    },
    dimensions: {
      type: 'array',
      maxItems: 3,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['field'],
        properties: {
          field: reportFieldSchema,
          bucket: { type: 'string', enum: DATE_BUCKETS },
          label: labelSchema,
        },
      },
    },
    measures: { type: 'array', minItems: 1, maxItems: 10, items: measureSchema },
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
      maxItems: 4,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['by'],
        properties: { by: reportFieldSchema, direction: { type: 'string', enum: ['asc', 'desc'] } },
      },
    },
    limit: { type: 'integer', minimum: 1, maximum: 10000 },
  },
  if: { required: ['analysis'], properties: { analysis: true } },
  else: { required: ['object', 'measures'], properties: { object: true, measures: true } },
} as const;

export type ReportDefinition = FromSchema<typeof reportSchema>;
export type ReportMeasure = NonNullable<ReportDefinition['measures']>[number];
export type ReportDimension = NonNullable<ReportDefinition['dimensions']>[number];

/** A generic report: no `analysis`, an object and at least one measure. */
export type GenericReportDefinition = ReportDefinition & {
  readonly object: string;
  readonly measures: readonly ReportMeasure[];
};

export function isGenericReport(definition: ReportDefinition): definition is GenericReportDefinition {
  return definition.analysis === undefined && definition.object !== undefined && definition.measures !== undefined;
}
