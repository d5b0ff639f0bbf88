import type { FromSchema } from 'json-schema-to-ts';
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
        },
      },
    },
  },
} as const;

export type DashboardDefinition = FromSchema<typeof dashboardSchema>;
