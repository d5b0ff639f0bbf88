import { randomUUID } from 'node:crypto';
import { type LeadEvent, type LeadScore, type SqlFragment, scoreCrossings, scoreLead, sql } from '@leadforge/engine';
import type { PublishedApp } from '../apps/appRegistry.js';
import { lowestGrade, type ScoreCause, scoreFingerprint } from './rescoreRecords.js';
import { eventProperties } from './scoringInputs.js';
import { scoringOf } from './scoringModels.js';

/** A record the capture fast path is about to create, as it will write it. */
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

/** The first scores of a new record, ready to be written with it. */
export interface FirstScores {
  /** The mirrored score and grade fields, to store in the record's data as it is created. */
  readonly mirrored: Readonly<Record<string, unknown>>;
  /**
   * Common table expressions (each starting with a comma) that write the score rows, history and
   * `score.crossed` events once the CTE named `c` (the fast path's result) says the record was created.
   */
  readonly writes: SqlFragment;
}

/** One model's first result for a new record, as the score tables store it (and its `score.crossed` events). */
export interface FirstScoreRow {
  readonly model: string;
  readonly score: number;
  readonly grade: string | null;
  readonly mql: boolean;
  readonly mql_at: string | null;
  readonly model_hash: string;
  readonly fired: LeadScore['fired'];
  readonly errors: LeadScore['errors'];
  readonly fingerprint: string;
  readonly crossings: readonly { readonly id: string; readonly data: Record<string, unknown> }[];
}

/**
 * The first results of a record about to be created, computed without I/O: its fields and events
 * are what the write stores, and it has no stored score. The same result rescoreRecords would
 * compute right after the write. Null when the object has no scoring model; throws when a model
 * cannot be evaluated at all (the caller then scores the record after the write).
 */
export function firstScoreRows(
  published: PublishedApp,
  record: NewRecord,
  now: Date,
  cause: ScoreCause,
): { readonly mirrored: Readonly<Record<string, unknown>>; readonly rows: readonly FirstScoreRow[] } | null {
  const models = scoringOf(published.app).byObject(record.object);
  if (models.length === 0) return null;
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
  const mirrored: Record<string, unknown> = {};
  const rows = models.map((entry): FirstScoreRow => {
    const result = scoreLead(entry.compiled, fields, events, now);
    const mqlAt = result.mql ? now.toISOString() : null;
    if (entry.mirror) {
      mirrored[entry.mirror.scoreField] = result.score;
      mirrored[entry.mirror.gradeField] = result.grade;
    }
    return {
      model: entry.id,
      score: result.score,
      grade: result.grade,
      mql: result.mql,
      mql_at: mqlAt,
      model_hash: entry.hash,
      fired: result.fired,
      errors: result.errors,
      fingerprint: scoreFingerprint(result),
      crossings: scoreCrossings(null, result)
        .filter((c) => c.becameMql || c.toGrade !== lowestGrade(entry))
        .map((c) => ({ id: randomUUID(), data: { ...c, fromMql: false, toMql: result.mql, mqlAt, cause } })),
    };
  });
  return { mirrored, rows };
}

/**
 * The first scoring of a record the capture fast path is about to create (no visitor to stitch):
 * firstScoreRows, written by the create's own statement (still one round trip). Null when the
 * object has no scoring model.
 */
export function firstScores(
  published: PublishedApp,
  record: NewRecord,
  now: Date,
  cause: ScoreCause,
): FirstScores | null {
  const first = firstScoreRows(published, record, now, cause);
  if (first === null) return null;
  const { mirrored, rows } = first;
  const tenantId = published.tenantId;
  const writes = sql`, x AS (
  SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(model text, score double precision, grade text,
         mql boolean, mql_at timestamptz, model_hash text, fired jsonb, errors jsonb, fingerprint text, crossings jsonb)
  WHERE EXISTS (SELECT 1 FROM c WHERE c.result ? 'created')
), s AS (
  INSERT INTO record_scores (tenant_id, record_id, model, object, score, grade, mql, mql_at, app_version, model_hash, fired,
                             errors, fingerprint, scored_at)
  SELECT ${tenantId}, ${record.id}::uuid, x.model, ${record.object}, x.score, x.grade, x.mql, x.mql_at, ${published.version}::int,
         x.model_hash, x.fired, x.errors, x.fingerprint, ${now.toISOString()}::timestamptz FROM x
  ON CONFLICT (tenant_id, record_id, model) DO NOTHING
), h AS (
  INSERT INTO score_history (tenant_id, record_id, model, at, score, grade, mql, previous_score, previous_grade, cause)
  SELECT ${tenantId}, ${record.id}::uuid, x.model, ${now.toISOString()}::timestamptz, x.score, x.grade, x.mql, NULL, NULL,
         ${JSON.stringify(cause)}::jsonb FROM x
), sc AS (
  INSERT INTO events (tenant_id, id, record_id, object, type, at, data)
  SELECT ${tenantId}, (cr->>'id')::uuid, ${record.id}::uuid, ${record.object}, 'score.crossed', ${now.toISOString()}::timestamptz, cr->'data'
    FROM x CROSS JOIN LATERAL jsonb_array_elements(x.crossings) AS cr
)`;
  return { mirrored, writes };
}
