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
  readonly fingerprint: string;
  readonly before: StoredScore | undefined;
  readonly mqlAt: Date | null;
}

/** A record scored for the first time into the bottom band has crossed nothing worth announcing. */
export function lowestGrade(entry: ScoringModelEntry): string | null {
  return entry.compiled.grades.at(-1)?.grade ?? null;
}

/**
 * What decides whether a result changed, as text: score, grade, MQL and each fired rule's id, kind,
 * points and event (the explanation, without its labels). Stored with the result (migration 9).
 */
export function scoreFingerprint(result: LeadScore): string {
  let text = `${result.score}|${result.grade ?? ''}|${result.mql ? 1 : 0}`;
  for (const line of result.fired) text += `|${line.ruleId}:${line.kind}:${line.points}:${line.eventId ?? ''}`;
  return text;
}

/**
 * Unchanged when score, grade, MQL and the explanation are (their fingerprint): a new model version
 * that leaves a record where it was writes nothing for it (the run records which version every
 * record was scored with). A row stored without a fingerprint is rewritten.
 */
function sameResult(before: StoredScore | undefined, fingerprint: string): boolean {
  return before !== undefined && before.fingerprint === fingerprint;
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
  const inputs = await loadScoringInputs(tx, tenantId, chosen, options.lock ?? true, options.models);
  const changes: Change[] = [];
  let errors = 0;
  for (const record of inputs.records) {
    const events = inputs.events.get(record.id) ?? [];
    for (const entry of scoring.byObject(record.object)) {
      if (options.models && !options.models.includes(entry.id)) continue;
      const result = scoreLead(entry.compiled, record.fields, events, now);
      errors += result.errors.length;
      const before = inputs.stored.get(record.id)?.get(entry.id);
      const fingerprint = scoreFingerprint(result);
      if (sameResult(before, fingerprint)) continue;
      const mqlAt = before?.mqlAt ?? (result.mql ? now : null);
      changes.push({ recordId: record.id, object: record.object, entry, result, fingerprint, before, mqlAt });
    }
  }
  await writeChanges(tx, published, tenantId, changes, now, cause);
  return { scored: inputs.records.length, changed: changes.length, errors, last: inputs.records.at(-1)?.id ?? null };
}

/**
 * Writes the changes in ONE statement (data-modifying CTEs over one JSON payload): the score rows
 * (upserted), a history row for each that moved score, grade or MQL, the mirrored fields of the
 * record, and the `score.crossed` events.
 */
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
  const rows = changes.map((c) => {
    const moved =
      c.before === undefined ||
      c.before.score !== c.result.score ||
      c.before.grade !== c.result.grade ||
      c.before.mql !== c.result.mql;
    const cause = moved ? causeOf(c.recordId) : null;
    const crossings = scoreCrossings(c.before ?? null, c.result)
      .filter((crossing) => c.before !== undefined || crossing.becameMql || crossing.toGrade !== lowestGrade(c.entry))
      .map((crossing) => ({
        id: randomUUID(),
        data: { ...crossing, fromMql: c.before?.mql === true, toMql: c.result.mql, mqlAt: c.mqlAt, cause },
      }));
    return {
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
      fingerprint: c.fingerprint,
      // a history row when score, grade or MQL moved (not for an explanation that changed alone)
      history: moved
        ? { previous_score: c.before?.score ?? null, previous_grade: c.before?.grade ?? null, cause }
        : null,
      // the mirrored fields are readonly outputs: no record version bump, so a user's open edit stays valid
      patch: c.entry.mirror
        ? { [c.entry.mirror.scoreField]: c.result.score, [c.entry.mirror.gradeField]: c.result.grade }
        : null,
      crossings: crossings.length > 0 ? crossings : null,
    };
  });
  await tx.query(
    `WITH x AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(record_id uuid, model text, object text, score double precision,
              grade text, mql boolean, mql_at timestamptz, model_hash text, fired jsonb, errors jsonb, fingerprint text,
              history jsonb, patch jsonb, crossings jsonb)
     ), s AS (
       INSERT INTO record_scores (tenant_id, record_id, model, object, score, grade, mql, mql_at, app_version, model_hash,
                                  fired, errors, fingerprint, scored_at)
       SELECT $1, x.record_id, x.model, x.object, x.score, x.grade, x.mql, x.mql_at, $3, x.model_hash, x.fired, x.errors,
              x.fingerprint, $4 FROM x
       ON CONFLICT (tenant_id, record_id, model) DO UPDATE SET score = EXCLUDED.score, grade = EXCLUDED.grade,
         mql = EXCLUDED.mql, mql_at = EXCLUDED.mql_at, app_version = EXCLUDED.app_version,
         model_hash = EXCLUDED.model_hash, fired = EXCLUDED.fired, errors = EXCLUDED.errors,
         fingerprint = EXCLUDED.fingerprint, scored_at = EXCLUDED.scored_at
     ), h AS (
       INSERT INTO score_history (tenant_id, record_id, model, at, score, grade, mql, previous_score, previous_grade, cause)
       SELECT $1, x.record_id, x.model, $4, x.score, x.grade, x.mql, (x.history->>'previous_score')::double precision,
              x.history->>'previous_grade', x.history->'cause'
         FROM x WHERE x.history IS NOT NULL
     ), m AS (
       UPDATE records r SET data = r.data || x.patch FROM x
        WHERE r.tenant_id = $1 AND r.id = x.record_id AND x.patch IS NOT NULL AND NOT (r.data @> x.patch)
     )
     INSERT INTO events (tenant_id, id, record_id, object, type, at, data)
     SELECT $1, (cr->>'id')::uuid, x.record_id, x.object, 'score.crossed', $4, cr->'data'
       FROM x CROSS JOIN LATERAL jsonb_array_elements(x.crossings) AS cr WHERE x.crossings IS NOT NULL`,
    [tenantId, JSON.stringify(rows), published.version, now],
  );
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
