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
            required: ['values'],
            properties: {
              values: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } },
              pool: poolSchema,
              queue: { ...definitionIdSchema, description: 'a lead pool of this file (instead of `pool`)' },
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

/**
 * A lead pool (公海): leads wait unassigned; members claim them up to `claimLimit`, accept them,
 * return them with a reason; admins reclaim. Timeouts remind and, with `returnOnTimeout`, put the
 * lead back in the pool.
 */
const leadPoolSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'members'],
  properties: {
    id: definitionIdSchema,
    label: labelSchema,
    members: poolSchema,
    claimLimit: { type: 'integer', minimum: 1, maximum: 100000, description: 'leads one member may hold at once' },
    acceptWithinHours: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 8760,
      description:
        'a lead not claimed, or claimed and not accepted, within this many hours reminds (assignment timeout)',
    },
    followUpWithinHours: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 8760,
      description:
        'an accepted lead with no activity or stage change within this many hours reminds (follow-up timeout)',
    },
    returnOnTimeout: { type: 'boolean', description: 'a timed-out lead also goes back to the pool' },
    returnReasons: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id'],
        properties: { id: optionValueSchema, label: labelSchema },
      },
    },
  },
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
    pools: { type: 'array', maxItems: 100, items: leadPoolSchema },
  },
} as const;

export { ROUTING_STRATEGY_TYPES };
export type RoutingDefinition = FromSchema<typeof routingSchema>;
export type RoutingStrategy = RoutingDefinition['rules'][number]['strategy'];
export type LeadPoolDefinition = NonNullable<RoutingDefinition['pools']>[number];
export type PoolMembers = Extract<RoutingStrategy, { type: 'round-robin' }>['pool'];
