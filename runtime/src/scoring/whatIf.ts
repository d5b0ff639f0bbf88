import {
  type CompiledApp,
  type CompiledScoringModel,
  compileRule,
  jsonLogicTruthy,
  LeadforgeError,
  type LeadScore,
  scoreLead,
} from '@leadforge/engine';
import type { RuntimeContext } from '../context.js';
import { loadScoringInputs, type ScoringRecord } from './scoringInputs.js';
import { compileModelOrThrow, scoringOf, scoringOperators } from './scoringModels.js';

/** Most records one what-if reads (a sample beyond it would need its own design). */
export const WHAT_IF_MAX_RECORDS = 200_000;
const PAGE = 1_000;
const BUCKET = 10;

export interface WhatIfRequest {
  readonly model: unknown;
  readonly filter?: unknown;
}

type Outcome = 'won' | 'lost';

interface Side {
  distribution: Record<string, number>;
  grades: Record<string, number>;
  mql: number;
  conversion: Record<string, { won: number; lost: number }>;
}

const emptySide = (): Side => ({ distribution: {}, grades: {}, mql: 0, conversion: {} });

function add(side: Side, score: LeadScore, outcome: Outcome | undefined): void {
  const bucket = String(Math.floor(score.score / BUCKET) * BUCKET);
  const grade = score.grade ?? '(none)';
  side.distribution[bucket] = (side.distribution[bucket] ?? 0) + 1;
  side.grades[grade] = (side.grades[grade] ?? 0) + 1;
  if (score.mql) side.mql += 1;
  if (outcome) {
    const c = side.conversion[grade] ?? { won: 0, lost: 0 };
    c[outcome] += 1;
    side.conversion[grade] = c;
  }
}

function report(side: Side) {
  return {
    distribution: Object.entries(side.distribution)
      .map(([from, count]) => ({ from: Number(from), to: Number(from) + BUCKET, count }))
      .sort((a, b) => a.from - b.from),
    grades: side.grades,
    mql: side.mql,
    conversionByGrade: Object.fromEntries(
      Object.entries(side.conversion).map(([grade, c]) => [
        grade,
        { ...c, rate: c.won + c.lost === 0 ? null : c.won / (c.won + c.lost) },
      ]),
    ),
  };
}

/** Objects with a won/lost `stage` that reference the scored object: their outcome is the record's. */
function outcomeSources(app: CompiledApp, object: string): { object: string; field: string }[] {
  return Object.values(app.objects).flatMap((o) => {
    const stages = (o.fields['stage']?.options ?? []).map((opt) => opt.value);
    if (!stages.includes('won') || !stages.includes('lost')) return [];
    return Object.values(o.fields)
      .filter((f) => f.type === 'reference' && f.reference === object)
      .map((f) => ({ object: o.name, field: f.name }));
  });
}

/** A won opportunity beats a lost one; without one, a lead `status` converted / disqualified decides. */
async function outcomes(
  ctx: RuntimeContext,
  app: CompiledApp,
  tenantId: string,
  records: readonly ScoringRecord[],
  object: string,
): Promise<Map<string, Outcome>> {
  const found = new Map<string, Outcome>();
  for (const r of records) {
    if (r.data['status'] === 'converted') found.set(r.id, 'won');
    else if (r.data['status'] === 'disqualified') found.set(r.id, 'lost');
  }
  for (const source of outcomeSources(app, object)) {
    const { rows } = await ctx.db.query<{ ref: string; won: boolean; lost: boolean }>(
      `SELECT data->>$3 AS ref, bool_or(data->>'stage' = 'won') AS won, bool_or(data->>'stage' = 'lost') AS lost
         FROM records WHERE tenant_id = $1 AND object = $2 AND deleted_at IS NULL AND data->>$3 = ANY($4::text[])
        GROUP BY 1`,
      [tenantId, source.object, source.field, records.map((r) => r.id)],
    );
    for (const row of rows) if (row.won) found.set(row.ref, 'won');
    for (const row of rows) if (!row.won && row.lost) found.set(row.ref, 'lost');
  }
  return found;
}

/**
 * What a draft scoring model would do, before anyone publishes it: over the current records of its
 * object (optionally those matching a JSON Logic `filter`) how many change grade or MQL status and
 * the score distribution before (the published model of the same id) and after (the draft); over
 * records with a known outcome (a won or lost opportunity, or a converted / disqualified lead),
 * the conversion rate per grade under each. Reads only; both sides are computed at the same `now`.
 */
export async function whatIf(ctx: RuntimeContext, tenantId: string, request: WhatIfRequest) {
  const published = await ctx.apps.current(tenantId);
  if (!published) throw new LeadforgeError('NOT_FOUND', 'nothing is published yet');
  const draft = compileModelOrThrow(request.model);
  const object = (request.model as { object?: unknown }).object;
  if (typeof object !== 'string' || !published.app.objects[object])
    throw new LeadforgeError('INVALID', 'the draft model needs an object of the app', [
      { path: '/model/object', message: 'is not an object of the published app' },
    ]);
  let filter: ReturnType<typeof compileRule> | undefined;
  if (request.filter !== undefined) {
    filter = compileRule(request.filter, scoringOperators());
    if (!filter.ok)
      throw new LeadforgeError(
        'INVALID',
        'the filter is not a valid rule',
        filter.problems.map((p) => ({ path: `/filter${p.pointer}`, message: p.message })),
      );
  }
  const current: CompiledScoringModel | undefined = scoringOf(published.app).models.find(
    (m) => m.id === draft.id && m.object === object,
  )?.compiled;
  const now = ctx.clock.now();
  const before = emptySide();
  const after = emptySide();
  let records = 0;
  let gradeChanged = 0;
  let becameMql = 0;
  let lostMql = 0;
  let withOutcome = 0;
  let errors = 0;
  let cursor: string | null = null;
  while (records < WHAT_IF_MAX_RECORDS) {
    const page: { rows: { id: string }[] } = await ctx.db.query<{ id: string }>(
      `SELECT id FROM records WHERE tenant_id = $1 AND object = $2 AND deleted_at IS NULL
          AND ($3::uuid IS NULL OR id > $3::uuid) ORDER BY id LIMIT $4`,
      [tenantId, object, cursor, PAGE],
    );
    const rows = page.rows;
    if (rows.length === 0) break;
    cursor = rows.at(-1)!.id;
    const inputs = await loadScoringInputs(ctx.db, tenantId, { ids: rows.map((r) => r.id) }, false);
    const chosen = inputs.records.filter((r) => {
      if (!filter?.ok) return true;
      const outcome = filter.evaluate(r.fields, { now });
      return outcome.ok && jsonLogicTruthy(outcome.value);
    });
    const known = await outcomes(ctx, published.app, tenantId, chosen, object);
    for (const record of chosen) {
      const events = inputs.events.get(record.id) ?? [];
      const next = scoreLead(draft, record.fields, events, now);
      const prev = current ? scoreLead(current, record.fields, events, now) : undefined;
      errors += next.errors.length;
      const outcome = known.get(record.id);
      records += 1;
      if (outcome) withOutcome += 1;
      add(after, next, outcome);
      if (prev) add(before, prev, outcome);
      if (prev?.grade !== next.grade) gradeChanged += 1;
      if (next.mql && !prev?.mql) becameMql += 1;
      if (!next.mql && prev?.mql) lostMql += 1;
    }
  }
  return {
    model: draft.id,
    object,
    publishedModel: current !== undefined,
    records,
    withOutcome,
    gradeChanged,
    mqlChanged: becameMql + lostMql,
    becameMql,
    lostMql,
    ruleErrors: errors,
    before: current ? report(before) : null,
    after: report(after),
  };
}
