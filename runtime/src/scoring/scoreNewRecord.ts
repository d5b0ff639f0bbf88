import { randomUUID } from 'node:crypto';
import { type LeadEvent, type SqlExecutor, scoreCrossings, scoreLead } from '@leadforge/engine';
import type { PublishedApp } from '../apps/appRegistry.js';
import { lowestGrade, type RescoreOutcome, type ScoreCause } from './rescoreRecords.js';
import { eventProperties } from './scoringInputs.js';
import { scoringOf } from './scoringModels.js';

/** A record the capture fast path has just created, as it wrote it (nothing else can have touched it yet). */
export interface NewRecord {
  readonly id: string;
  readonly object: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly ownerId: string | null;
  readonly teamId: string | null;
  readonly actorId: string | null;
  readonly at: Date;
  /** The events written with it, in order. */
  readonly events: readonly { readonly id: string; readonly type: string; readonly data: Record<string, unknown> }[];
}

/**
 * The first scoring of a record the capture fast path has just created (no visitor to stitch): its
 * fields and events are what the capture wrote, and it has no stored score, so nothing is read; the
 * result is written in one statement (score rows, history, mirrored fields, `score.crossed` events),
 * the same rows rescoreRecords would write. Score rows are inserted only when absent: when a later
 * capture has already merged into the record and rescored it under its lock, that newer result stands.
 */
export async function scoreNewRecord(
  db: SqlExecutor,
  published: PublishedApp,
  record: NewRecord,
  now: Date,
  cause: ScoreCause,
): Promise<RescoreOutcome> {
  const models = scoringOf(published.app).byObject(record.object);
  if (models.length === 0) return { scored: 0, changed: 0, errors: 0 };
  const fields = {
    ...record.data,
    id: record.id,
    owner: record.ownerId,
    team: record.teamId,
    created_by: record.actorId,
    created_at: record.at.toISOString(),
    updated_at: record.at.toISOString(),
  };
  const events: LeadEvent[] = record.events.map((e) => ({
    id: e.id,
    type: e.type,
    at: record.at,
    properties: eventProperties(e.data),
  }));
  let errors = 0;
  const rows = models.map((entry) => {
    const result = scoreLead(entry.compiled, fields, events, now);
    errors += result.errors.length;
    const mqlAt = result.mql ? now.toISOString() : null;
    const crossings = scoreCrossings(null, result)
      .filter((c) => c.becameMql || c.toGrade !== lowestGrade(entry))
      .map((c) => ({
        id: randomUUID(),
        data: { ...c, fromMql: false, toMql: result.mql, mqlAt, cause },
      }));
    return {
      model: entry.id,
      score: result.score,
      grade: result.grade,
      mql: result.mql,
      mql_at: mqlAt,
      model_hash: entry.hash,
      fired: result.fired,
      errors: result.errors,
      crossings,
      patch: entry.mirror ? { [entry.mirror.scoreField]: result.score, [entry.mirror.gradeField]: result.grade } : null,
    };
  });
  await db.query(
    `WITH x AS (
       SELECT * FROM jsonb_to_recordset($4::jsonb) AS x(model text, score double precision, grade text, mql boolean,
              mql_at timestamptz, model_hash text, fired jsonb, errors jsonb, crossings jsonb, patch jsonb)
     ), ins AS (
       INSERT INTO record_scores (tenant_id, record_id, model, object, score, grade, mql, mql_at, app_version, model_hash, fired, errors, scored_at)
       SELECT $1, $2, x.model, $3, x.score, x.grade, x.mql, x.mql_at, $5, x.model_hash, x.fired, x.errors, $6 FROM x
       ON CONFLICT (tenant_id, record_id, model) DO NOTHING
       RETURNING model
     ), kept AS (
       SELECT x.* FROM x JOIN ins ON ins.model = x.model
     ), h AS (
       INSERT INTO score_history (tenant_id, record_id, model, at, score, grade, mql, previous_score, previous_grade, cause)
       SELECT $1, $2, kept.model, $6, kept.score, kept.grade, kept.mql, NULL, NULL, $7::jsonb FROM kept
     ), c AS (
       INSERT INTO events (tenant_id, id, record_id, object, type, at, data)
       SELECT $1, (cr->>'id')::uuid, $2, $3, 'score.crossed', $6, cr->'data'
         FROM kept CROSS JOIN LATERAL jsonb_array_elements(kept.crossings) AS cr
     ), m AS (
       UPDATE records r SET data = r.data || kept.patch FROM kept
        WHERE r.tenant_id = $1 AND r.id = $2 AND kept.patch IS NOT NULL AND jsonb_typeof(kept.patch) = 'object'
          AND NOT (r.data @> kept.patch)
     )
     SELECT count(*)::int AS n FROM ins`,
    [published.tenantId, record.id, record.object, JSON.stringify(rows), published.version, now, JSON.stringify(cause)],
  );
  return { scored: 1, changed: rows.length, errors };
}
