import { randomUUID } from 'node:crypto';
import { type LeadScore, type SqlExecutor, scoreCrossings, scoreLead } from '@leadforge/engine';
import type { PublishedApp } from '../apps/appRegistry.js';
import { loadScoringInputs, type ScoringSelection, type StoredScore } from './scoringInputs.js';
import { type ScoringModelEntry, scoringOf } from './scoringModels.js';

/** Why a score was recomputed, kept on each history row: the event that arrived, or the model version of a run. */
export type ScoreCause =
  | { readonly eventId: string }
  | { readonly run: string; readonly model: string; readonly appVersion: number; readonly modelHash: string }
  | { readonly reason: 'record.changed' | 'visitor.identified' | 'rescore' };

/** One cause for the whole batch, or one per record (a batch of captures, each with its own event). */
export type ScoreCauses = ScoreCause | ((recordId: string) => ScoreCause);

export interface RescoreOutcome {
  /** Records scored (live records among those asked for). */
  readonly scored: number;
  /** (record, model) pairs whose stored result changed. */
  readonly changed: number;
  /** Rules that could not be evaluated on some record (each scored 0 there). */
  readonly errors: number;
}

interface Change {
  readonly recordId: string;
  readonly object: string;
  readonly entry: ScoringModelEntry;
  readonly result: LeadScore;
  readonly before: StoredScore | undefined;
  readonly mqlAt: Date | null;
}

/** A record scored for the first time into the bottom band has crossed nothing worth announcing. */
export function lowestGrade(entry: ScoringModelEntry): string | null {
  return entry.compiled.grades.at(-1)?.grade ?? null;
}

function sameFired(stored: unknown, fired: LeadScore['fired']): boolean {
  if (!Array.isArray(stored) || stored.length !== fired.length) return false;
  return fired.every((line, i) => {
    const old = stored[i] as Record<string, unknown> | undefined;
    return (
      old?.['ruleId'] === line.ruleId &&
      old['kind'] === line.kind &&
      old['points'] === line.points &&
      old['eventId'] === line.eventId
    );
  });
}

/**
 * Unchanged when score, grade, MQL and the explanation are: a new model version that leaves a record
 * where it was writes nothing for it (the run records which version every record was scored with).
 */
function sameResult(before: StoredScore | undefined, result: LeadScore): boolean {
  return (
    before !== undefined &&
    before.score === result.score &&
    before.grade === result.grade &&
    before.mql === result.mql &&
    sameFired(before.fired, result.fired)
  );
}

/**
 * Recomputes every scoring model of the given records (ids, or the next page of an object's records) from scratch (their fields and whole event
 * history at `now`, never adding to old points) and writes, set-based, what changed: the current
 * score per model, a history row with `cause` when score, grade or MQL moved, the mirrored score and
 * grade fields of the record, and a `score.crossed` event when grade or MQL status changed. The time
 * a record first became an MQL is kept. Runs inside the caller's transaction.
 */
export async function rescoreRecords(
  tx: SqlExecutor,
  published: PublishedApp,
  tenantId: string,
  selection: readonly string[] | ScoringSelection,
  now: Date,
  cause: ScoreCauses,
  options: { readonly models?: readonly string[]; readonly lock?: boolean } = {},
): Promise<RescoreOutcome & { readonly last: string | null }> {
  const scoring = scoringOf(published.app);
  const chosen: ScoringSelection = Array.isArray(selection) ? { ids: selection } : (selection as ScoringSelection);
  if (scoring.models.length === 0 || ('ids' in chosen && chosen.ids.length === 0))
    return { scored: 0, changed: 0, errors: 0, last: null };
  const inputs = await loadScoringInputs(tx, tenantId, chosen, options.lock ?? true);
  const changes: Change[] = [];
  let errors = 0;
  for (const record of inputs.records) {
    const events = inputs.events.get(record.id) ?? [];
    for (const entry of scoring.byObject(record.object)) {
      if (options.models && !options.models.includes(entry.id)) continue;
      const result = scoreLead(entry.compiled, record.fields, events, now);
      errors += result.errors.length;
      const before = inputs.stored.get(record.id)?.get(entry.id);
      if (sameResult(before, result)) continue;
      const mqlAt = before?.mqlAt ?? (result.mql ? now : null);
      changes.push({ recordId: record.id, object: record.object, entry, result, before, mqlAt });
    }
  }
  await writeChanges(tx, published, tenantId, changes, now, cause);
  return { scored: inputs.records.length, changed: changes.length, errors, last: inputs.records.at(-1)?.id ?? null };
}

async function writeChanges(
  tx: SqlExecutor,
  published: PublishedApp,
  tenantId: string,
  changes: readonly Change[],
  now: Date,
  causes: ScoreCauses,
): Promise<void> {
  if (changes.length === 0) return;
  const causeOf = typeof causes === 'function' ? causes : () => causes;
  const scores = changes.map((c) => ({
    record_id: c.recordId,
    model: c.entry.id,
    object: c.object,
    score: c.result.score,
    grade: c.result.grade,
    mql: c.result.mql,
    mql_at: c.mqlAt?.toISOString() ?? null,
    model_hash: c.entry.hash,
    fired: c.result.fired,
    errors: c.result.errors,
  }));
  await tx.query(
    `INSERT INTO record_scores (tenant_id, record_id, model, object, score, grade, mql, mql_at, app_version, model_hash, fired, errors, scored_at)
     SELECT $1, x.record_id, x.model, x.object, x.score, x.grade, x.mql, x.mql_at, $3, x.model_hash, x.fired, x.errors, $4
       FROM jsonb_to_recordset($2::jsonb) AS x(record_id uuid, model text, object text, score double precision, grade text,
            mql boolean, mql_at timestamptz, model_hash text, fired jsonb, errors jsonb)
     ON CONFLICT (tenant_id, record_id, model) DO UPDATE SET score = EXCLUDED.score, grade = EXCLUDED.grade,
       mql = EXCLUDED.mql, mql_at = EXCLUDED.mql_at, app_version = EXCLUDED.app_version,
       model_hash = EXCLUDED.model_hash, fired = EXCLUDED.fired, errors = EXCLUDED.errors, scored_at = EXCLUDED.scored_at`,
    [tenantId, JSON.stringify(scores), published.version, now],
  );
  const moved = changes.filter(
    (c) =>
      c.before === undefined ||
      c.before.score !== c.result.score ||
      c.before.grade !== c.result.grade ||
      c.before.mql !== c.result.mql,
  );
  if (moved.length > 0) {
    const history = moved.map((c) => ({
      record_id: c.recordId,
      model: c.entry.id,
      score: c.result.score,
      grade: c.result.grade,
      mql: c.result.mql,
      previous_score: c.before?.score ?? null,
      previous_grade: c.before?.grade ?? null,
      cause: causeOf(c.recordId),
    }));
    await tx.query(
      `INSERT INTO score_history (tenant_id, record_id, model, at, score, grade, mql, previous_score, previous_grade, cause)
       SELECT $1, x.record_id, x.model, $3, x.score, x.grade, x.mql, x.previous_score, x.previous_grade, x.cause
         FROM jsonb_to_recordset($2::jsonb) AS x(record_id uuid, model text, score double precision, grade text,
              mql boolean, previous_score double precision, previous_grade text, cause jsonb)`,
      [tenantId, JSON.stringify(history), now],
    );
  }
  const mirrored = changes.flatMap((c) =>
    c.entry.mirror
      ? [
          {
            id: c.recordId,
            patch: { [c.entry.mirror.scoreField]: c.result.score, [c.entry.mirror.gradeField]: c.result.grade },
          },
        ]
      : [],
  );
  if (mirrored.length > 0) {
    // The mirrored fields are readonly outputs: no record version bump, so a user's open edit stays valid.
    await tx.query(
      `UPDATE records r SET data = r.data || x.patch
         FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, patch jsonb)
        WHERE r.tenant_id = $1 AND r.id = x.id AND NOT (r.data @> x.patch)`,
      [tenantId, JSON.stringify(mirrored)],
    );
  }
  const crossings = changes.flatMap((c) =>
    scoreCrossings(c.before ?? null, c.result)
      .filter((crossing) => c.before !== undefined || crossing.becameMql || crossing.toGrade !== lowestGrade(c.entry))
      .map((crossing) => ({
        id: randomUUID(),
        record_id: c.recordId,
        object: c.object,
        data: {
          ...crossing,
          fromMql: c.before?.mql === true,
          toMql: c.result.mql,
          mqlAt: c.mqlAt,
          cause: causeOf(c.recordId),
        },
      })),
  );
  if (crossings.length > 0) {
    await tx.query(
      `INSERT INTO events (tenant_id, id, record_id, object, type, at, data)
       SELECT $1, x.id, x.record_id, x.object, 'score.crossed', $3, x.data
         FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, record_id uuid, object text, data jsonb)`,
      [tenantId, JSON.stringify(crossings), now],
    );
  }
}

/** Rescores one record (every model of its object) in the caller's transaction; see rescoreRecords. */
export function rescoreRecord(
  tx: SqlExecutor,
  published: PublishedApp,
  tenantId: string,
  recordId: string,
  now: Date,
  cause: ScoreCause = { reason: 'rescore' },
): Promise<RescoreOutcome> {
  return rescoreRecords(tx, published, tenantId, [recordId], now, cause);
}
