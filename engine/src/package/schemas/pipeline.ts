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

/** A labelled condition: a refused move names each failed criterion by its label. */
const criterionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'when'],
  properties: {
    id: definitionIdSchema,
    label: labelSchema,
    when: jsonLogicSchema,
  },
} as const;

/** A won or lost reason: the value a transition sends as `reason`. */
const reasonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: optionValueSchema, label: labelSchema },
} as const;

const stageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: {
    id: optionValueSchema,
    label: labelSchema,
    probability: { type: 'integer', minimum: 0, maximum: 100 },
    entry: { ...jsonLogicSchema, description: 'a JSON Logic condition the record must meet to enter the stage' },
    entryCriteria: {
      type: 'array',
      maxItems: 50,
      items: criterionSchema,
      description: 'labelled conditions the record must meet to enter the stage',
    },
    requiredFields: { type: 'array', uniqueItems: true, items: fieldNameSchema },
    exitGuard: {
      ...jsonLogicSchema,
      description: 'a JSON Logic condition the record must meet to move forward out of the stage',
    },
    exitCriteria: {
      type: 'array',
      maxItems: 50,
      items: criterionSchema,
      description: 'labelled conditions the record must meet to move forward out of the stage',
    },
    to: {
      type: 'array',
      uniqueItems: true,
      maxItems: 100,
      items: optionValueSchema,
      description: 'the only stages a record may move to from this one (overrides allowSkip/allowBack/allowReopen)',
    },
    sla: {
      type: 'object',
      additionalProperties: false,
      required: ['within'],
      properties: { within: durationSchema, escalateTo: definitionIdSchema },
    },
    approval: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        role: { ...definitionIdSchema, description: 'a user holding this role may decide' },
        ownerManager: { type: 'boolean', description: "the record owner's manager may decide" },
      },
      description: "moving into this stage waits for an approval by the role or by the owner's manager",
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
    allowSkip: {
      type: 'boolean',
      description: 'a record may jump forward past open stages (default false: one stage at a time)',
    },
    allowBack: { type: 'boolean', description: 'a record may move back to an earlier open stage (default true)' },
    allowReopen: {
      type: 'boolean',
      description: 'a won or lost record may move back to an open stage (default false)',
    },
    lostReasons: {
      type: 'array',
      maxItems: 100,
      items: reasonSchema,
      description: 'the reasons a move to a lost stage must name one of (a lost move always needs a reason)',
    },
    wonReasons: {
      type: 'array',
      maxItems: 100,
      items: reasonSchema,
      description: 'when given, a move to a won stage must name one of these reasons',
    },
    stages: { type: 'array', minItems: 1, maxItems: 100, items: stageSchema },
  },
} as const;

export type PipelineDefinition = FromSchema<typeof pipelineSchema>;
