import type { FromSchema } from 'json-schema-to-ts';
import {
  DRAFT_07,
  definitionIdSchema,
  eventNameSchema,
  fieldNameSchema,
  jsonLogicSchema,
  labelSchema,
  objectIdSchema,
  optionValueSchema,
  schemaKeySchema,
} from './shared.js';

const pointsSchema = { type: 'integer', minimum: -1000, maximum: 1000 } as const;

/** `scoring/<name>.json`: a scoring model (rules, behaviour points, decay, grades, MQL). */
export const scoringSchema = {
  $schema: DRAFT_07,
  $id: 'https://leadforge.dev/schemas/scoring.schema.json',
  title: 'Leadforge scoring model (scoring/<name>.json)',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'object', 'rules', 'grades'],
  properties: {
    $schema: schemaKeySchema,
    id: definitionIdSchema,
    object: objectIdSchema,
    label: labelSchema,
    scoreField: { ...fieldNameSchema, description: 'the number field that holds the score (default "score")' },
    gradeField: { ...fieldNameSchema, description: 'the select field that holds the grade (default "grade")' },
    rules: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'points', 'when'],
        properties: { id: definitionIdSchema, label: labelSchema, points: pointsSchema, when: jsonLogicSchema },
      },
    },
    behaviour: { type: 'object', propertyNames: eventNameSchema, additionalProperties: pointsSchema },
    decay: {
      type: 'object',
      additionalProperties: false,
      required: ['inactiveDays', 'points'],
      properties: {
        inactiveDays: { type: 'integer', minimum: 1, maximum: 3650 },
        points: { type: 'integer', minimum: -1000, maximum: 0 },
      },
    },
    caps: {
      type: 'object',
      additionalProperties: false,
      properties: { min: { type: 'number' }, max: { type: 'number' } },
    },
    grades: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['min', 'grade'],
        properties: { min: { type: 'number' }, grade: optionValueSchema, mql: { type: 'boolean' } },
      },
    },
  },
} as const;

export type ScoringDefinition = FromSchema<typeof scoringSchema>;
