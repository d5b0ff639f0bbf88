import type { FromSchema } from 'json-schema-to-ts';
import { RELATIVE_RANGES } from '../../reports/types.js';
import { DRAFT_07, definitionIdSchema, labelSchema, schemaKeySchema } from './shared.js';

/** `dashboards/<name>.json`: a grid of report widgets. */
export const dashboardSchema = {
  $schema: DRAFT_07,
  $id: 'https://leadforge.dev/schemas/dashboard.schema.json',
  title: 'Leadforge dashboard (dashboards/<name>.json)',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'label', 'widgets'],
  properties: {
    $schema: schemaKeySchema,
    id: definitionIdSchema,
    label: labelSchema,
    columns: { type: 'integer', minimum: 1, maximum: 24, description: 'grid width in columns (default 12)' },
    filters: {
      type: 'object',
      additionalProperties: false,
      description: 'global filters a viewer sets once for every widget (issue 7)',
      properties: {
        dateRange: {
          type: 'object',
          additionalProperties: false,
          required: ['default'],
          properties: {
            default: {
              type: 'string',
              enum: RELATIVE_RANGES,
              description: 'the range shown when the viewer picks none',
            },
          },
        },
        team: { type: 'boolean', description: 'the viewer may narrow every widget to one team' },
        owner: { type: 'boolean', description: 'the viewer may narrow every widget to one owner' },
      },
    },
    widgets: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'report', 'x', 'y', 'w', 'h'],
        properties: {
          id: definitionIdSchema,
          report: definitionIdSchema,
          title: labelSchema,
          x: { type: 'integer', minimum: 0 },
          y: { type: 'integer', minimum: 0 },
          w: { type: 'integer', minimum: 1 },
          h: { type: 'integer', minimum: 1 },
          keepPeriod: {
            type: 'boolean',
            description: "the widget keeps its report's own period: the dashboard's date range does not apply to it",
          },
        },
      },
    },
  },
} as const;

export type DashboardDefinition = FromSchema<typeof dashboardSchema>;
