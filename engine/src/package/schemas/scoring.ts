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

/** Points for each event of a type whose properties match `when`, at most `cap` in total. */
const behaviourRuleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'event', 'points'],
  properties: {
    id: definitionIdSchema,
    label: labelSchema,
    event: eventNameSchema,
    when: jsonLogicSchema,
    points: { type: 'number' },
    cap: { type: 'number', exclusiveMinimum: 0 },
    once: { type: 'boolean' },
  },
} as const;

/**
 * `scoring/<name>.json`: a scoring model — fit rules, behaviour points, decay, floor and ceiling,
 * grades and the MQL threshold. The scoring engine (engine/src/scoring) gives them their meaning.
 */
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
        properties: { id: definitionIdSchema, label: labelSchema, points: { type: 'number' }, when: jsonLogicSchema },
      },
    },
    behaviour: {
      description: 'a list of behaviour rules or a map such as {"pricing.viewed": 10}',
      oneOf: [
        { type: 'array', maxItems: 500, items: behaviourRuleSchema },
        { type: 'object', propertyNames: eventNameSchema, additionalProperties: { type: 'number' } },
      ],
    },
    decay: {
      type: 'object',
      additionalProperties: false,
      properties: {
        inactiveDays: { type: 'integer', minimum: 1, maximum: 3650 },
        points: { type: 'number', maximum: 0 },
        halfLifeDays: { type: 'number', exclusiveMinimum: 0 },
      },
      if: { required: ['halfLifeDays'], properties: { halfLifeDays: true } },
      // biome-ignore lint/suspicious/noThenProperty: `then` is a JSON Schema keyword here
      then: { properties: { inactiveDays: false, points: false } },
      else: { required: ['inactiveDays', 'points'], properties: { inactiveDays: true, points: true } },
    },
    floor: { type: 'number', description: 'the lowest score' },
    ceiling: { type: 'number', description: 'the highest score' },
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
    mqlThreshold: { type: 'number', description: 'the score that makes an MQL (default: the lowest MQL grade)' },
  },
} as const;

export type ScoringDefinition = FromSchema<typeof scoringSchema>;
