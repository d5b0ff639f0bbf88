import type { CompiledObject, SqlExecutor } from '@leadforge/engine';
import { matchValue } from '../../../../engine/src/capture/dedupeProbes.js';
import {
  type CaptureCandidate,
  type ImportMapping,
  type ImportRowError,
  normaliseValue,
  type RecordAttribution,
} from '../../../../engine/src/capture/index.js';
import type { ScoreCause } from '../../scoring/rescoreRecords.js';
import type { FirstScoreRow } from '../../scoring/scoreNewRecord.js';

/** One import run as stored (`import_runs`). */
export interface ImportRun {
  readonly tenantId: string;
  readonly id: string;
  readonly object: string;
  readonly status: 'running' | 'done' | 'failed';
  readonly fileName: string | null;
  readonly fileHash: string;
  readonly mapping: ImportMapping;
  readonly totalRows: number;
  /** The cursor: rows 1..rowsDone are written. */
  readonly rowsDone: number;
  readonly created: number;
  readonly merged: number;
  readonly failed: number;
  readonly errors: readonly ImportRowError[];
  readonly actorId: string | null;
  readonly ownerId: string | null;
  readonly teamId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
  readonly leaseUntil: string | null;
  readonly lastError: string | null;
}

interface RunRow {
  tenant_id: string;
  id: string;
  object: string;
  status: ImportRun['status'];
  file_name: string | null;
  file_hash: string;
  mapping: ImportMapping;
  total_rows: number;
  rows_done: number;
  created: number;
  merged: number;
  failed: number;
  errors: ImportRowError[];
  actor_id: string | null;
  owner_id: string | null;
  team_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  finished_at: Date | string | null;
  lease_until: Date | string | null;
  last_error: string | null;
}

const iso = (v: Date | string) => new Date(v).toISOString();

function toRun(r: RunRow): ImportRun {
  return {
    tenantId: r.tenant_id,
    id: r.id,
    object: r.object,
    status: r.status,
    fileName: r.file_name,
    fileHash: r.file_hash,
    mapping: r.mapping,
    totalRows: Number(r.total_rows),
    rowsDone: Number(r.rows_done),
    created: Number(r.created),
    merged: Number(r.merged),
    failed: Number(r.failed),
    errors: r.errors,
    actorId: r.actor_id,
    ownerId: r.owner_id,
    teamId: r.team_id,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    finishedAt: r.finished_at === null ? null : iso(r.finished_at),
    leaseUntil: r.lease_until === null ? null : iso(r.lease_until),
    lastError: r.last_error,
  };
}

/** Stores a new run (status running, cursor 0, leased to its creator) and its file, in one statement. */
export async function insertRun(
  db: SqlExecutor,
  run: {
    tenantId: string;
    id: string;
    object: string;
    fileName: string | null;
    fileHash: string;
    mapping: ImportMapping;
    totalRows: number;
    actorId: string | null;
    ownerId: string | null;
    teamId: string | null;
    at: Date;
    leaseUntil: Date;
  },
  text: string,
): Promise<void> {
  await db.query(
    `WITH r AS (
  INSERT INTO import_runs (tenant_id, id, object, status, file_name, file_hash, mapping, total_rows, actor_id, owner_id, team_id,
    created_at, updated_at, lease_until)
  VALUES ($1, $2::uuid, $3, 'running', $4, $5, $6::jsonb, $7, $8::uuid, $9::uuid, $10::uuid, $11::timestamptz, $11::timestamptz, $12::timestamptz)
)
INSERT INTO import_files (tenant_id, run_id, body) VALUES ($1, $2::uuid, $13)`,
    [
      run.tenantId,
      run.id,
      run.object,
      run.fileName,
      run.fileHash,
      JSON.stringify(run.mapping),
      run.totalRows,
      run.actorId,
      run.ownerId,
      run.teamId,
      run.at.toISOString(),
      run.leaseUntil.toISOString(),
      text,
    ],
  );
}

export async function loadRun(db: SqlExecutor, tenantId: string, id: string): Promise<ImportRun | undefined> {
  const { rows } = await db.query<RunRow>('SELECT * FROM import_runs WHERE tenant_id = $1 AND id = $2::uuid', [
    tenantId,
    id,
  ]);
  return rows[0] ? toRun(rows[0]) : undefined;
}

/**
 * Takes the lease of a running run when it is free (its holder crashed or never started):
 * answers the run, or undefined when another process holds it or it is finished.
 */
export async function claimRun(
  db: SqlExecutor,
  tenantId: string,
  id: string,
  now: Date,
  leaseUntil: Date,
): Promise<ImportRun | undefined> {
  const { rows } = await db.query<RunRow>(
    `UPDATE import_runs SET lease_until = $4::timestamptz
WHERE tenant_id = $1 AND id = $2::uuid AND status = 'running' AND (lease_until IS NULL OR lease_until <= $3::timestamptz)
RETURNING *`,
    [tenantId, id, now.toISOString(), leaseUntil.toISOString()],
  );
  return rows[0] ? toRun(rows[0]) : undefined;
}

/** Keeps the last error that stopped a run's worker (the run is taken up again later). */
export async function noteRunError(db: SqlExecutor, tenantId: string, id: string, message: string): Promise<void> {
  await db.query('UPDATE import_runs SET last_error = $3 WHERE tenant_id = $1 AND id = $2::uuid', [
    tenantId,
    id,
    message.slice(0, 1000),
  ]);
}

/** Frees a run's lease (a graceful stop): the next process to look takes it up from its cursor. */
export async function releaseRun(db: SqlExecutor, tenantId: string, id: string): Promise<void> {
  await db.query(
    `UPDATE import_runs SET lease_until = NULL WHERE tenant_id = $1 AND id = $2::uuid AND status = 'running'`,
    [tenantId, id],
  );
}

/** Runs left running past their lease (a crashed process): any process may take them up. */
export async function stalledRuns(db: SqlExecutor, now: Date, limit = 10): Promise<{ tenantId: string; id: string }[]> {
  const { rows } = await db.query<{ tenant_id: string; id: string }>(
    `SELECT tenant_id, id FROM import_runs WHERE status = 'running' AND (lease_until IS NULL OR lease_until <= $1::timestamptz)
ORDER BY created_at LIMIT $2`,
    [now.toISOString(), limit],
  );
  return rows.map((r) => ({ tenantId: r.tenant_id, id: r.id }));
}

export async function runFile(db: SqlExecutor, tenantId: string, id: string): Promise<string | undefined> {
  const { rows } = await db.query<{ body: string }>(
    'SELECT body FROM import_files WHERE tenant_id = $1 AND run_id = $2::uuid',
    [tenantId, id],
  );
  return rows[0]?.body;
}

/**
 * Inside a batch's transaction: locks the run row and answers its cursor and status, so two
 * processes never write the same rows (the second sees the cursor moved and rolls back).
 */
export async function lockRunCursor(
  tx: SqlExecutor,
  tenantId: string,
  id: string,
): Promise<{ rowsDone: number; status: string; errorsStored: number } | undefined> {
  const { rows } = await tx.query<{ rows_done: number; status: string; n: number }>(
    `SELECT rows_done, status, jsonb_array_length(errors) AS n FROM import_runs WHERE tenant_id = $1 AND id = $2::uuid FOR UPDATE`,
    [tenantId, id],
  );
  return rows[0]
    ? { rowsDone: Number(rows[0].rows_done), status: rows[0].status, errorsStored: Number(rows[0].n) }
    : undefined;
}

/** Moves the cursor past a written batch, adds its counts and errors, and extends the lease. */
export async function advanceRun(
  tx: SqlExecutor,
  tenantId: string,
  id: string,
  step: {
    rowsDone: number;
    created: number;
    merged: number;
    failed: number;
    errors: readonly ImportRowError[];
    at: Date;
    leaseUntil: Date;
  },
): Promise<void> {
  await tx.query(
    `UPDATE import_runs SET rows_done = $3, created = created + $4, merged = merged + $5, failed = failed + $6,
  errors = errors || $7::jsonb, updated_at = $8::timestamptz, lease_until = $9::timestamptz
WHERE tenant_id = $1 AND id = $2::uuid`,
    [
      tenantId,
      id,
      step.rowsDone,
      step.created,
      step.merged,
      step.failed,
      JSON.stringify(step.errors),
      step.at.toISOString(),
      step.leaseUntil.toISOString(),
    ],
  );
}

/** Ends a run (done, or failed with the reason) and drops its file. */
export async function finishRun(
  db: SqlExecutor,
  tenantId: string,
  id: string,
  at: Date,
  failure?: string,
): Promise<void> {
  await db.query(
    `WITH f AS (DELETE FROM import_files WHERE tenant_id = $1 AND run_id = $2::uuid)
UPDATE import_runs SET status = $3, finished_at = $4::timestamptz, updated_at = $4::timestamptz, lease_until = NULL, last_error = $5
WHERE tenant_id = $1 AND id = $2::uuid AND status = 'running'`,
    [tenantId, id, failure === undefined ? 'done' : 'failed', at.toISOString(), failure ?? null],
  );
}

/**
 * Refreshes the planner's statistics of `records` when it has none yet, or when `written` rows
 * (written since the last refresh) outnumber what they counted: without statistics the dedupe
 * lookup may probe another field's index and filter the whole table. Autovacuum would do it a
 * minute later, too late for a fresh database filling fast, and embedded PGlite has no autovacuum.
 * Reads `pg_class.reltuples` (-1: never analyzed), which unlike the activity counters has no lag.
 */
export async function analyzeRecordsIfStale(db: SqlExecutor, written: number): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>(
    "SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'records'::regclass",
  );
  const counted = Number(rows[0]?.n ?? 0);
  if (counted >= 0 && (written < 1000 || written <= counted)) return false;
  await db.query('ANALYZE records');
  return true;
}

/** Takes the advisory locks of dedupe key values (hash order, like capture_create_if_absent), held until commit. */
export async function lockKeyValues(tx: SqlExecutor, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  await tx.query(
    `SELECT count(pg_advisory_xact_lock(h)) FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest($1::text[]) AS k ORDER BY 1) AS s`,
    [[...names]],
  );
}

const TEXT_TYPES = new Set(['text', 'longtext']);
const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * The records of `object` holding any of the given dedupe key values, in one query: one arm per
 * dedupe key (an index scan for a one-field key such as email), united by id. `values` maps each
 * key (its fields joined by `,`) to the value tuples the batch gives it.
 */
export async function findCandidates(
  db: SqlExecutor,
  tenantId: string,
  object: CompiledObject,
  values: ReadonlyMap<string, readonly (readonly unknown[])[]>,
): Promise<CaptureCandidate[]> {
  const params: unknown[] = [tenantId];
  const arms: string[] = [];
  for (const fields of object.dedupeKeys) {
    const tuples = values.get(fields.join(','));
    if (!tuples || tuples.length === 0) continue;
    params.push(JSON.stringify(tuples));
    const p = `$${params.length}::jsonb`;
    const expr = (f: string) =>
      TEXT_TYPES.has(object.fields[f]!.type) ? `lower(data->>${literal(f)})` : `(data->${literal(f)})`;
    const item = (f: string, i: number) => (TEXT_TYPES.has(object.fields[f]!.type) ? `v->>${i}` : `v->${i}`);
    // one probe per value (a lateral join): each is an equality on the whole partial expression index
    // (tenant, value), so the plan holds before the table has statistics (a fresh import); the object
    // as a literal lets the planner match the index's predicate
    const match = fields.map((f, i) => `${expr(f)} = ${item(f, i)}`).join(' AND ');
    arms.push(
      `SELECT r.id FROM jsonb_array_elements(${p}) AS v CROSS JOIN LATERAL (SELECT id FROM records
  WHERE tenant_id = $1 AND object = ${literal(object.name)} AND deleted_at IS NULL AND ${match} LIMIT 50) AS r`,
    );
  }
  if (arms.length === 0) return [];
  const { rows } = await db.query<{
    id: string;
    version: number;
    created_at: Date | string;
    data: Record<string, unknown>;
    attribution: RecordAttribution | null;
  }>(
    `WITH m AS (${arms.join('\nUNION\n')})
SELECT r.id, r.version, r.created_at, r.data, r.attribution FROM records r JOIN m ON r.tenant_id = $1 AND r.id = m.id`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    version: Number(r.version),
    createdAt: iso(r.created_at),
    data: r.data,
    attribution: r.attribution,
  }));
}

/** The lock keys (DedupeProbe.lockKey) a stored record holds, its values normalised again the way matchesProbe does. */
export function candidateKeys(
  object: CompiledObject,
  data: Readonly<Record<string, unknown>>,
  country: string,
): string[] {
  const keys: string[] = [];
  for (const fields of object.dedupeKeys) {
    const values: unknown[] = [];
    for (const f of fields) {
      const field = object.fields[f];
      const normalised = field ? normaliseValue(field, data[f], country) : undefined;
      if (!field || !normalised?.ok || !('value' in normalised)) break;
      values.push(matchValue(field, normalised.value));
    }
    if (values.length === fields.length)
      keys.push(`${object.name}\u0001${fields.join(',')}\u0001${JSON.stringify(values)}`);
  }
  return keys;
}

/** A record the batch creates, with its history changes, events and (when computed) its first scores. */
export interface NewImportRecord {
  readonly id: string;
  /** As stored: with the mirrored score and grade fields when `scores` is set. */
  readonly data: Readonly<Record<string, unknown>>;
  readonly attribution: RecordAttribution;
  readonly changes: Readonly<Record<string, unknown>>;
  /** In order; the first is the capture event. */
  readonly events: readonly { readonly id: string; readonly type: string; readonly data: unknown }[];
  /** The first result of each scoring model of the object (firstScoreRows), written with it; null: scored after. */
  readonly scores: readonly FirstScoreRow[] | null;
  /** The scores' cause on their history rows: the record's capture event. */
  readonly scoreCause: ScoreCause | null;
}

/** A record to create as insertImportedRecords takes it: its rows already serialised as JSON objects. */
export interface ImportCreate {
  readonly id: string;
  /** The capture event's id. */
  readonly eventId: string;
  /** Its first scores are written with it (or its object has no scoring model): nothing to score after. */
  readonly scored: boolean;
  readonly record: string;
  /** Its events (the capture's), then its `score.crossed` events and its score rows. */
  readonly events: readonly string[];
  readonly crossings: readonly string[];
  readonly scores: readonly string[];
}

/**
 * Serialises a record to create (done while the previous batch writes, off the write's path): the
 * record row, its events, its `score.crossed` events and its score rows.
 */
export function serialiseCreate(r: NewImportRecord): ImportCreate {
  const events: string[] = r.events.map((e) =>
    JSON.stringify({ id: e.id, record_id: r.id, type: e.type, data: e.data }),
  );
  const crossed: string[] = [];
  const scores: string[] = [];
  for (const s of r.scores ?? []) {
    const { crossings, ...score } = s;
    scores.push(JSON.stringify({ ...score, record_id: r.id, cause: r.scoreCause }));
    for (const c of crossings)
      crossed.push(JSON.stringify({ id: c.id, record_id: r.id, type: 'score.crossed', data: c.data }));
  }
  return {
    id: r.id,
    eventId: r.events[0]!.id,
    scored: r.scores !== null,
    record: JSON.stringify({ id: r.id, data: r.data, attribution: r.attribution, changes: r.changes }),
    events,
    crossings: crossed,
    scores,
  };
}

/**
 * Writes new records, their `create` history rows and their events, with their first scores
 * (score rows, score history and `score.crossed` events, after the capture events): set-wise
 * inserts over three JSON payloads, in one statement.
 */
export async function insertImportedRecords(
  tx: SqlExecutor,
  published: { readonly tenantId: string; readonly version: number },
  object: string,
  who: { actorId: string | null; ownerId: string | null; teamId: string | null },
  at: Date,
  records: readonly ImportCreate[],
): Promise<void> {
  if (records.length === 0) return;
  const list = (parts: readonly string[]) => `[${parts.join(',')}]`;
  // the capture events of every record first, then the score.crossed ones
  const events = [...records.flatMap((r) => r.events), ...records.flatMap((r) => r.crossings)];
  await tx.query(
    `WITH src AS (
  SELECT * FROM jsonb_to_recordset($3::jsonb) AS s(id uuid, data jsonb, attribution jsonb, changes jsonb)
), r AS (
  INSERT INTO records (tenant_id, object, id, data, owner_id, team_id, created_by, created_at, updated_at, version, attribution)
  SELECT $1, $2, id, data, $4::uuid, $5::uuid, $6::uuid, $7::timestamptz, $7::timestamptz, 1, attribution FROM src
), h AS (
  INSERT INTO record_history (tenant_id, record_id, object, version, actor_id, at, action, changes)
  SELECT $1, id, $2, 1, $6::uuid, $7::timestamptz, 'create', changes FROM src
), x AS (
  SELECT * FROM jsonb_to_recordset($9::jsonb) AS x(record_id uuid, model text, score double precision, grade text,
    mql boolean, mql_at timestamptz, model_hash text, fired jsonb, errors jsonb, fingerprint text, cause jsonb)
), s AS (
  INSERT INTO record_scores (tenant_id, record_id, model, object, score, grade, mql, mql_at, app_version, model_hash, fired,
    errors, fingerprint, scored_at)
  SELECT $1, x.record_id, x.model, $2, x.score, x.grade, x.mql, x.mql_at, $10::int, x.model_hash, x.fired, x.errors,
    x.fingerprint, $7::timestamptz FROM x
), sh AS (
  INSERT INTO score_history (tenant_id, record_id, model, at, score, grade, mql, previous_score, previous_grade, cause)
  SELECT $1, x.record_id, x.model, $7::timestamptz, x.score, x.grade, x.mql, NULL, NULL, x.cause FROM x
)
INSERT INTO events (tenant_id, id, record_id, object, type, at, data, event_key)
SELECT $1, e.id, e.record_id, $2, e.type, $7::timestamptz, e.data, NULL
FROM jsonb_to_recordset($8::jsonb) AS e(id uuid, record_id uuid, type text, data jsonb)`,
    [
      published.tenantId,
      object,
      list(records.map((r) => r.record)),
      who.ownerId,
      who.teamId,
      who.actorId,
      at.toISOString(),
      list(events),
      list(records.flatMap((r) => r.scores)),
      published.version,
    ],
  );
}
