import type { FromSchema } from 'json-schema-to-ts';
import {
  DRAFT_07,
  definitionIdSchema,
  durationSchema,
  fieldNameSchema,
  jsonLogicSchema,
  labelSchema,
  objectIdSchema,
  optionValueSchema,
  schemaKeySchema,
} from './shared.js';

const stageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: {
    id: optionValueSchema,
    label: labelSchema,
    probability: { type: 'integer', minimum: 0, maximum: 100 },
    entry: jsonLogicSchema,
    requiredFields: { type: 'array', uniqueItems: true, items: fieldNameSchema },
    exitGuard: jsonLogicSchema,
    sla: {
      type: 'object',
      additionalProperties: false,
      required: ['within'],
      properties: { within: durationSchema, escalateTo: definitionIdSchema },
    },
    approval: {
      type: 'object',
      additionalProperties: false,
      required: ['role'],
      properties: { role: definitionIdSchema },
    },
    outcome: { type: 'string', enum: ['won', 'lost'] },
  },
} as const;

/** `pipelines/<name>.json`: the stages a record moves through. */
export const pipelineSchema = {
  $schema: DRAFT_07,
  $id: 'https://leadforge.dev/schemas/pipeline.schema.json',
  title: 'Leadforge pipeline (pipelines/<name>.json)',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'object', 'stages'],
  properties: {
    $schema: schemaKeySchema,
    id: definitionIdSchema,
    object: objectIdSchema,
    label: labelSchema,
    field: { ...fieldNameSchema, description: 'the select field that holds the stage (default "stage")' },
    stages: { type: 'array', minItems: 1, maxItems: 100, items: stageSchema },
  },
} as const;

export type PipelineDefinition = FromSchema<typeof pipelineSchema>;
