import type { Label } from '../../compile/types.js';
import type { Problem } from '../../errors/types.js';
import type { AnalysisPeriod, ReportAnalysis } from '../../package/schemas/reportAnalysis.js';

/** What the option checks need to know about a package: compiled (at run time) or checked definitions (at publish). */
export interface AnalysisCatalog {
  object(name: string): CatalogObject | undefined;
  pipeline(id: string): CatalogPipeline | undefined;
  hasScoringModel(id: string): boolean;
}

export interface CatalogField {
  readonly type: string;
  readonly label?: Label;
  readonly options?: readonly { readonly value: string; readonly label?: Label }[];
  readonly reference?: string;
}

export interface CatalogObject {
  readonly fields: Readonly<Record<string, CatalogField>>;
}

export interface CatalogPipeline {
  readonly object: string;
  readonly field: string;
  readonly stages: readonly { readonly id: string; readonly label?: Label; readonly outcome?: string }[];
}

export interface LabelledValue {
  readonly value: string;
  readonly label: Label;
}

/** Won deals: records of `object` whose `stageField` is `stage`; `amountField` is summed, `dateField` dates the win. */
export interface WonDeals {
  readonly object: string;
  readonly amountField: string;
  readonly stageField: string;
  readonly stage: string;
  readonly dateField: string;
}

export type ResolvedAnalysis =
  | {
      readonly kind: 'funnel';
      readonly pipeline: string;
      readonly object: string;
      /** The open stages in pipeline order, then the won stage(s); lost stages are not steps of a funnel. */
      readonly stages: readonly LabelledValue[];
      readonly period?: AnalysisPeriod;
    }
  | {
      readonly kind: 'channel-roi';
      readonly object: string;
      readonly channelField: string;
      readonly channels: readonly LabelledValue[];
      readonly mqlModel?: string;
      readonly cost: {
        readonly object: string;
        readonly channelField: string;
        readonly dateField: string;
        readonly amountField: string;
      };
      readonly won: WonDeals & { readonly linkField: string };
      readonly period?: AnalysisPeriod;
    }
  | {
      readonly kind: 'leaderboard';
      readonly by: 'user' | 'team';
      readonly limit: number;
      readonly won: WonDeals;
      readonly period?: AnalysisPeriod;
    }
  | {
      readonly kind: 'goals';
      readonly by?: 'user' | 'team';
      readonly goal: {
        readonly object: string;
        readonly userField: string;
        readonly teamField: string;
        readonly startField: string;
        readonly endField: string;
        readonly amountField: string;
        readonly winsField: string;
      };
      readonly won: WonDeals;
      readonly period?: AnalysisPeriod;
    };

const NUMERIC = ['number', 'integer', 'currency'];
const DATED = ['date', 'datetime'];
const CHOICE = ['select', 'text'];
const ID_TEXT = ['text', 'user'];

interface Check {
  readonly catalog: AnalysisCatalog;
  readonly path: string;
  readonly problems: Problem[];
}

function objectAt(check: Check, key: string, name: string): CatalogObject | undefined {
  const object = check.catalog.object(name);
  if (!object) check.problems.push({ path: `${check.path}/${key}`, message: `unknown object "${name}"` });
  return object;
}

/** The field `name` of `object`, of one of `types`; a problem at `/analysis/<key>` otherwise. */
function fieldAt(
  check: Check,
  key: string,
  object: CatalogObject | undefined,
  objectName: string,
  name: string,
  types: readonly string[],
): CatalogField | undefined {
  if (!object) return undefined;
  const field = Object.hasOwn(object.fields, name) ? object.fields[name] : undefined;
  const path = `${check.path}/${key}`;
  if (!field) check.problems.push({ path, message: `unknown field "${name}" on object "${objectName}"` });
  else if (!types.includes(field.type))
    check.problems.push({
      path,
      message: `"${name}" on "${objectName}" is ${field.type}; expected ${types.join(' or ')}`,
    });
  else return field;
  return undefined;
}

type WonOptions = {
  readonly wonObject?: string;
  readonly wonAmountField?: string;
  readonly wonStageField?: string;
  readonly wonStage?: string;
  readonly wonDateField?: string;
};

function wonDeals(check: Check, options: WonOptions): WonDeals {
  const won: WonDeals = {
    object: options.wonObject ?? 'opportunity',
    amountField: options.wonAmountField ?? 'amount',
    stageField: options.wonStageField ?? 'stage',
    stage: options.wonStage ?? 'won',
    dateField: options.wonDateField ?? 'close_date',
  };
  const object = objectAt(check, 'wonObject', won.object);
  fieldAt(check, 'wonAmountField', object, won.object, won.amountField, NUMERIC);
  fieldAt(check, 'wonDateField', object, won.object, won.dateField, DATED);
  const stage = fieldAt(check, 'wonStageField', object, won.object, won.stageField, CHOICE);
  if (stage?.options && !stage.options.some((o) => o.value === won.stage)) {
    check.problems.push({
      path: `${check.path}/wonStage`,
      message: `"${won.stage}" is not an option of ${won.object}.${won.stageField}`,
    });
  }
  return won;
}

const withPeriod = <T extends object>(resolved: T, period: AnalysisPeriod | undefined) =>
  period === undefined ? resolved : { ...resolved, period };

/**
 * Fills in the default names of an analysis (the b2b-saas sample's) and checks every name against
 * the package: objects, fields of fitting types, the pipeline, the scoring model. Problems point
 * under `path` (the analysis inside its report, `/analysis`).
 */
export function resolveAnalysis(
  analysis: ReportAnalysis,
  catalog: AnalysisCatalog,
  path = '/analysis',
): { resolved: ResolvedAnalysis; problems: Problem[] } {
  const check: Check = { catalog, path, problems: [] };
  const done = (resolved: ResolvedAnalysis) => ({ resolved, problems: check.problems });
  switch (analysis.kind) {
    case 'funnel': {
      const pipeline = catalog.pipeline(analysis.pipeline);
      if (!pipeline)
        check.problems.push({ path: `${path}/pipeline`, message: `unknown pipeline "${analysis.pipeline}"` });
      const stages = (pipeline?.stages ?? [])
        .filter((s) => s.outcome !== 'lost')
        .map((s) => ({ value: s.id, label: s.label ?? { en: s.id } }));
      return done(
        withPeriod(
          { kind: 'funnel', pipeline: analysis.pipeline, object: pipeline?.object ?? '', stages },
          analysis.period,
        ),
      );
    }
    case 'channel-roi': {
      const name = analysis.object ?? 'lead';
      const object = objectAt(check, 'object', name);
      const channelField = analysis.channelField ?? 'source_channel';
      const channel = fieldAt(check, 'channelField', object, name, channelField, ['select']);
      const cost = {
        object: analysis.costObject ?? 'channel_cost',
        channelField: analysis.costChannelField ?? 'channel',
        dateField: analysis.costDateField ?? 'month',
        amountField: analysis.costAmountField ?? 'cost',
      };
      const costObject = objectAt(check, 'costObject', cost.object);
      fieldAt(check, 'costChannelField', costObject, cost.object, cost.channelField, CHOICE);
      fieldAt(check, 'costDateField', costObject, cost.object, cost.dateField, DATED);
      fieldAt(check, 'costAmountField', costObject, cost.object, cost.amountField, NUMERIC);
      const won = { ...wonDeals(check, analysis), linkField: analysis.wonLinkField ?? 'lead' };
      const link = fieldAt(check, 'wonLinkField', catalog.object(won.object), won.object, won.linkField, ['reference']);
      if (link && link.reference !== name) {
        check.problems.push({
          path: `${path}/wonLinkField`,
          message: `"${won.linkField}" on "${won.object}" does not reference "${name}"`,
        });
      }
      if (analysis.mqlModel !== undefined && !catalog.hasScoringModel(analysis.mqlModel)) {
        check.problems.push({ path: `${path}/mqlModel`, message: `unknown scoring model "${analysis.mqlModel}"` });
      }
      const channels = (channel?.options ?? []).map((o) => ({ value: o.value, label: o.label ?? { en: o.value } }));
      const resolved = { kind: 'channel-roi' as const, object: name, channelField, channels, cost, won };
      return done(
        withPeriod(
          analysis.mqlModel === undefined ? resolved : { ...resolved, mqlModel: analysis.mqlModel },
          analysis.period,
        ),
      );
    }
    case 'leaderboard':
      return done(
        withPeriod(
          {
            kind: 'leaderboard',
            by: analysis.by ?? 'user',
            limit: analysis.limit ?? 50,
            won: wonDeals(check, analysis),
          },
          analysis.period,
        ),
      );
    case 'goals': {
      const goal = {
        object: analysis.goalObject ?? 'goal',
        userField: analysis.goalUserField ?? 'user',
        teamField: analysis.goalTeamField ?? 'team_id',
        startField: analysis.goalStartField ?? 'period_start',
        endField: analysis.goalEndField ?? 'period_end',
        amountField: analysis.goalAmountField ?? 'target_amount',
        winsField: analysis.goalWinsField ?? 'target_wins',
      };
      const object = objectAt(check, 'goalObject', goal.object);
      fieldAt(check, 'goalUserField', object, goal.object, goal.userField, ID_TEXT);
      fieldAt(check, 'goalTeamField', object, goal.object, goal.teamField, ID_TEXT);
      fieldAt(check, 'goalStartField', object, goal.object, goal.startField, ['date']);
      fieldAt(check, 'goalEndField', object, goal.object, goal.endField, ['date']);
      fieldAt(check, 'goalAmountField', object, goal.object, goal.amountField, NUMERIC);
      fieldAt(check, 'goalWinsField', object, goal.object, goal.winsField, NUMERIC);
      const resolved = { kind: 'goals' as const, goal, won: wonDeals(check, analysis) };
      return done(withPeriod(analysis.by === undefined ? resolved : { ...resolved, by: analysis.by }, analysis.period));
    }
  }
}
