import type { LeadEvent, SqlExecutor } from '@leadforge/engine';

/** A record as scoring rules read it: its field values plus the system names rules may use. */
export interface ScoringRecord {
  readonly id: string;
  readonly object: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface StoredScore {
  readonly score: number;
  readonly grade: string | null;
  readonly mql: boolean;
  readonly mqlAt: Date | null;
  readonly modelHash: string;
  /** scoreFingerprint of the stored result (null on rows written before migration 9). */
  readonly fingerprint: string | null;
}

export interface ScoringInputs {
  readonly records: readonly ScoringRecord[];
  readonly events: ReadonlyMap<string, LeadEvent[]>;
  /** recordId → model → stored score. */
  readonly stored: ReadonlyMap<string, ReadonlyMap<string, StoredScore>>;
}

interface RecordRow {
  id: string;
  object: string;
  data: Record<string, unknown>;
  owner_id: string | null;
  team_id: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  /** [id, type, at, data] oldest first. */
}

/**
 * The records to score: some ids, or the next page of an object's records in the id range
 * [from, to) after a cursor (a slice of a rescoring run; null bounds are open).
 */
export type ScoringSelection =
  | { readonly ids: readonly string[] }
  | {
      readonly object: string;
      readonly from: string | null;
      readonly to: string | null;
      readonly after: string | null;
      readonly limit: number;
    };

interface EventRow {
  id: string;
  record_id: string;
  type: string;
  at: Date;
  data: Record<string, unknown>;
}

interface ScoreRow {
  record_id: string;
  model: string;
  score: number;
  grade: string | null;
  mql: boolean;
  mql_at: Date | null;
  model_hash: string;
  fingerprint: string | null;
}

/** What a behaviour rule's `when` reads: a tracked event's properties (and its URL), or a system event's data. */
export function eventProperties(data: Record<string, unknown>): Record<string, unknown> {
  if (data['source'] !== 'track') return data;
  const properties = (data['properties'] as Record<string, unknown> | undefined) ?? {};
  return data['url'] === undefined ? properties : { ...properties, url: data['url'] };
}

function scoringRecord(row: RecordRow): ScoringRecord {
  return {
    id: row.id,
    object: row.object,
    data: row.data,
    fields: {
      ...row.data,
      id: row.id,
      owner: row.owner_id,
      team: row.team_id,
      created_by: row.created_by,
      created_at: row.created_at.toISOString(),
      updated_at: row.updated_at.toISOString(),
    },
  };
}

/**
 * Loads the live records selected (locked when `lock`, so two rescorings of one record queue), their
 * events (their own and those of the anonymous visitors stitched to them, `score.crossed` excepted:
 * announcing a crossing is not activity) and their stored scores (of `models` only, when given), in
 * three statements. The stored explanation (`fired`) is not read: its fingerprint says whether it changed.
 */
export async function loadScoringInputs(
  tx: SqlExecutor,
  tenantId: string,
  selection: ScoringSelection,
  lock: boolean,
  models?: readonly string[],
): Promise<ScoringInputs> {
  const byIds = 'ids' in selection;
  const where = byIds
    ? 'id = ANY($2::uuid[])'
    : `object = $2 AND ($3::uuid IS NULL OR id >= $3::uuid) AND ($4::uuid IS NULL OR id < $4::uuid)
       AND ($5::uuid IS NULL OR id > $5::uuid)`;
  const params = byIds
    ? [tenantId, selection.ids]
    : [tenantId, selection.object, selection.from, selection.to, selection.after, selection.limit];
  const { rows } = await tx.query<RecordRow>(
    `SELECT id, object, data, owner_id, team_id, created_by, created_at, updated_at FROM records
      WHERE tenant_id = $1 AND ${where} AND deleted_at IS NULL
      ORDER BY id${byIds ? '' : ' LIMIT $6'}${lock ? ' FOR UPDATE' : ''}`,
    params,
  );
  const live = rows.map((r) => r.id);
  const events = new Map<string, LeadEvent[]>();
  const stored = new Map<string, Map<string, StoredScore>>();
  if (live.length === 0) return { records: [], events, stored };
  // A page of a run reads its records' rows by id range (one index range scan, the object filtering
  // out other records in the range) rather than probing the index once per id.
  const first = live[0]!;
  const last = live.at(-1)!;
  const own = byIds
    ? { where: 'record_id = ANY($2::uuid[])', params: [tenantId, live] }
    : {
        where: 'record_id BETWEEN $2::uuid AND $3::uuid AND object = $4',
        params: [tenantId, first, last, selection.object],
      };
  const eventRows = await tx.query<EventRow>(
    `SELECT id, record_id, type, at, data FROM (
       SELECT e.id, e.record_id, e.type, e.at, e.data, e.seq FROM events e
        WHERE e.tenant_id = $1 AND e.${own.where} AND e.type <> 'score.crossed'
       UNION ALL
       SELECT e.id, v.record_id, e.type, e.at, e.data, e.seq FROM tracking_visitors v
         JOIN events e ON e.tenant_id = v.tenant_id AND e.record_id IS NULL AND e.data->>'visitorId' = v.visitor_id
        WHERE v.tenant_id = $1 AND v.${own.where.replace(' AND object = $4', '')}
     ) x ORDER BY at, seq`,
    own.params,
  );
  for (const e of eventRows.rows) {
    const list = events.get(e.record_id) ?? [];
    list.push({ id: e.id, type: e.type, at: e.at, properties: eventProperties(e.data) });
    events.set(e.record_id, list);
  }
  const modelFilter = models ? ` AND model = ANY($${own.params.length + 1}::text[])` : '';
  const scoreRows = await tx.query<ScoreRow>(
    `SELECT record_id, model, score, grade, mql, mql_at, model_hash, fingerprint FROM record_scores
      WHERE tenant_id = $1 AND ${own.where}${modelFilter}`,
    models ? [...own.params, models] : own.params,
  );
  for (const s of scoreRows.rows) {
    const byModel = stored.get(s.record_id) ?? new Map<string, StoredScore>();
    byModel.set(s.model, {
      score: Number(s.score),
      grade: s.grade,
      mql: s.mql,
      mqlAt: s.mql_at,
      modelHash: s.model_hash,
      fingerprint: s.fingerprint,
    });
    stored.set(s.record_id, byModel);
  }
  return { records: rows.map(scoringRecord), events, stored };
}
