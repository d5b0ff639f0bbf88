import type { FromSchema } from 'json-schema-to-ts';
import {
  DRAFT_07,
  definitionIdSchema,
  fieldNameSchema,
  jsonLogicSchema,
  labelSchema,
  objectIdSchema,
  optionValueSchema,
  schemaKeySchema,
  userRefSchema,
} from './shared.js';

/** Who may receive a record: users of a role, of a team, or named users. */
const poolSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    role: definitionIdSchema,
    team: { type: 'string', minLength: 1, maxLength: 100 },
    users: { type: 'array', minItems: 1, uniqueItems: true, items: userRefSchema },
  },
} as const;

const ROUTING_STRATEGY_TYPES = ['round-robin', 'weighted', 'capacity', 'territory', 'owner', 'queue'] as const;

/** Discriminated by `type`: ajv validates only the branch the `type` names. */
const strategySchema = {
  type: 'object',
  discriminator: { propertyName: 'type' },
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'pool'],
      properties: { type: { const: 'round-robin' }, pool: poolSchema },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'weights'],
      properties: {
        type: { const: 'weighted' },
        weights: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['user', 'weight'],
            properties: { user: userRefSchema, weight: { type: 'integer', minimum: 1, maximum: 1000 } },
          },
        },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'pool', 'maxOpen'],
      properties: {
        type: { const: 'capacity' },
        pool: poolSchema,
        maxOpen: { type: 'integer', minimum: 1, maximum: 100000 },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'field', 'territories'],
      properties: {
        type: { const: 'territory' },
        field: fieldNameSchema,
        territories: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['values', 'pool'],
            properties: {
              values: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } },
              pool: poolSchema,
            },
          },
        },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'user'],
      properties: { type: { const: 'owner' }, user: userRefSchema },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'queue'],
      properties: { type: { const: 'queue' }, queue: definitionIdSchema },
    },
  ],
} as const;

/** `routing/<name>.json`: ordered rules; the first whose `when` holds picks the strategy. */
export const routingSchema = {
  $schema: DRAFT_07,
  $id: 'https://leadforge.dev/schemas/routing.schema.json',
  title: 'Leadforge routing (routing/<name>.json)',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'object', 'rules'],
  properties: {
    $schema: schemaKeySchema,
    id: definitionIdSchema,
    object: objectIdSchema,
    label: labelSchema,
    rules: {
      type: 'array',
      minItems: 1,
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'strategy'],
        properties: {
          id: definitionIdSchema,
          label: labelSchema,
          when: jsonLogicSchema,
          stages: { type: 'array', minItems: 1, uniqueItems: true, items: optionValueSchema },
          strategy: strategySchema,
        },
      },
    },
    fallback: strategySchema,
  },
} as const;

export { ROUTING_STRATEGY_TYPES };
export type RoutingDefinition = FromSchema<typeof routingSchema>;
export type RoutingStrategy = RoutingDefinition['rules'][number]['strategy'];
