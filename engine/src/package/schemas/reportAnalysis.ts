import type { FromSchema } from 'json-schema-to-ts';
import { RELATIVE_RANGES } from '../../reports/types.js';
import { definitionIdSchema, fieldNameSchema, objectIdSchema, optionValueSchema } from './shared.js';

/** Built-in analyses a report may run instead of a field-by-field definition (issue 7, point 3). */
export const ANALYSIS_KINDS = ['funnel', 'channel-roi', 'leaderboard', 'goals'] as const;
export type AnalysisKind = (typeof ANALYSIS_KINDS)[number];

/** A date range: a named range relative to the run's time (`last_30_days`) or absolute dates (`to` exclusive). */
export const dateRangeSchema = {
  oneOf: [
    { type: 'string', enum: RELATIVE_RANGES },
    {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'to'],
      properties: {
        from: { type: 'string', description: 'an ISO date or date-time (inclusive)' },
        to: { type: 'string', description: 'an ISO date or date-time (exclusive)' },
      },
    },
  ],
} as const;

/** The analysis's own period (besides a dashboard date filter). */
const periodSchema = {
  description: 'limits the analysis to a period (besides a dashboard date filter): "this_quarter" or {"from", "to"}',
  ...dateRangeSchema,
} as const;

const object = (what: string, fallback: string) =>
  ({ ...objectIdSchema, description: `${what} (default "${fallback}")` }) as const;
const field = (what: string, fallback: string) =>
  ({ ...fieldNameSchema, description: `${what} (default "${fallback}")` }) as const;

/** Where won deals are: records of `wonObject` whose `wonStageField` is `wonStage`, summing `wonAmountField`. */
const wonProperties = {
  wonObject: object('the object of won deals', 'opportunity'),
  wonAmountField: field('the amount summed', 'amount'),
  wonStageField: field('the select field saying a deal is won', 'stage'),
  wonStage: { ...optionValueSchema, description: 'the value of wonStageField for a won deal (default "won")' },
  wonDateField: field('the date a deal was won, for periods and goals', 'close_date'),
} as const;

/** The measures each analysis gives, in order; `measures` picks and orders some (a KPI or gauge shows the first). */
export const ANALYSIS_MEASURES = {
  funnel: ['reached', 'conversion', 'drop_off', 'median_days_in_stage', 'median_days_from_creation'],
  'channel-roi': ['cost', 'leads', 'mqls', 'opportunities', 'won_amount', 'cost_per_lead', 'roi'],
  leaderboard: ['won_amount', 'wins', 'activities'],
  goals: ['target_amount', 'won_amount', 'completion', 'target_wins', 'wins'],
} as const;

const measures = <const K extends AnalysisKind>(kind: K) =>
  ({
    type: 'array',
    minItems: 1,
    uniqueItems: true,
    items: { type: 'string', enum: ANALYSIS_MEASURES[kind] },
    description: `the measures to show, in order (default all): ${ANALYSIS_MEASURES[kind].join(', ')}`,
  }) as const;

const by = { type: 'string', enum: ['user', 'team'], description: 'one row per user (default) or per team' } as const;

const funnelSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'pipeline'],
  properties: {
    kind: { const: 'funnel' },
    measures: measures('funnel'),
    pipeline: { ...definitionIdSchema, description: 'the pipeline whose open stages and won stage make the funnel' },
    period: periodSchema,
  },
} as const;

const channelRoiSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: {
    kind: { const: 'channel-roi' },
    measures: measures('channel-roi'),
    period: periodSchema,
    object: object('the object of leads, counted by creation date', 'lead'),
    channelField: field("the leads' select field naming the channel; its options are the rows", 'source_channel'),
    mqlModel: { ...definitionIdSchema, description: 'count MQLs of this scoring model only (default: of any model)' },
    costObject: object('the object of channel costs', 'channel_cost'),
    costChannelField: field("the cost's channel field", 'channel'),
    costDateField: field("the cost's date (the first day of its month)", 'month'),
    costAmountField: field("the cost's amount", 'cost'),
    wonLinkField: field("the won deal's reference to its lead", 'lead'),
    ...wonProperties,
  },
} as const;

const leaderboardSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: {
    kind: { const: 'leaderboard' },
    measures: measures('leaderboard'),
    by,
    period: periodSchema,
    limit: { type: 'integer', minimum: 1, maximum: 1000, description: 'the top N rows (default 50)' },
    ...wonProperties,
  },
} as const;

const goalsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: {
    kind: { const: 'goals' },
    measures: measures('goals'),
    by,
    period: periodSchema,
    goalObject: object('the object of goals', 'goal'),
    goalUserField: field("the goal's user id (empty for a team goal)", 'user'),
    goalTeamField: field("the goal's team id (empty for a user goal)", 'team_id'),
    goalStartField: field("the goal period's first day", 'period_start'),
    goalEndField: field("the goal period's last day (inclusive)", 'period_end'),
    goalAmountField: field("the goal's target amount", 'target_amount'),
    goalWinsField: field("the goal's target number of wins", 'target_wins'),
    ...wonProperties,
  },
} as const;

/**
 * A report's `analysis` section: `{ "kind": "funnel", "pipeline": "lead" }`. Each kind is its own
 * strict branch; object and field names default to the b2b-saas sample's and can be renamed to
 * fit any package (engine/src/reports/analyses/analysisOptions.ts holds the defaults).
 */
export const reportAnalysisSchema = {
  type: 'object',
  required: ['kind'],
  properties: { kind: { type: 'string', enum: ANALYSIS_KINDS } },
  discriminator: { propertyName: 'kind' },
  oneOf: [funnelSchema, channelRoiSchema, leaderboardSchema, goalsSchema],
} as const;

export type ReportAnalysis = FromSchema<typeof reportAnalysisSchema>;
export type FunnelAnalysis = Extract<ReportAnalysis, { kind: 'funnel' }>;
export type ChannelRoiAnalysis = Extract<ReportAnalysis, { kind: 'channel-roi' }>;
export type LeaderboardAnalysis = Extract<ReportAnalysis, { kind: 'leaderboard' }>;
export type GoalsAnalysis = Extract<ReportAnalysis, { kind: 'goals' }>;
export type AnalysisPeriod = NonNullable<FunnelAnalysis['period']>;
