import type { SqlDriver, SqlExecutor } from '@leadforge/engine';
import { hashPassword } from '../access/passwords.js';
import { DEMO_PASSWORD } from './demoPeople.js';
import type { DemoData, DemoRecord } from './types.js';

/** How far a write has come: leads written so far (of this call's data) and rows of every table. */
export interface DemoWriteProgress {
  readonly leadsDone: number;
  readonly leadsTotal: number;
  readonly rows: number;
}

export interface WriteDemoOptions {
  readonly onProgress?: (progress: DemoWriteProgress) => void;
  /** Leads (with everything that hangs on them) per transaction; 2,000 unless told. */
  readonly batchLeads?: number;
  /** The app version and scoring model hashes stored with the scores (a mismatch only means a later rescoring). */
  readonly scoring?: { readonly appVersion: number; readonly modelHashes: Readonly<Record<string, string>> };
}

/** Rows per statement: large enough to be set-wise, small enough for one JSON parameter of a few MB. */
const STATEMENT_ROWS = 5_000;

async function inChunks<T>(rows: readonly T[], write: (chunk: readonly T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += STATEMENT_ROWS) await write(rows.slice(i, i + STATEMENT_ROWS));
}

/** Marks the transaction as a seeding one: migration 13 keeps automations and SLA clocks out of it. */
async function quiet(tx: SqlExecutor): Promise<void> {
  await tx.query("SELECT set_config('leadforge.seeding', 'on', true)");
}

/** A create history row's changes: every field and the owner/team, from nothing (as insertRecord writes them). */
function createChanges(r: DemoRecord): Record<string, { from: null; to: unknown }> {
  const changes: Record<string, { from: null; to: unknown }> = {};
  for (const [key, value] of Object.entries(r.data)) changes[key] = { from: null, to: value };
  if (r.ownerId !== null) changes['owner'] = { from: null, to: r.ownerId };
  if (r.teamId !== null) changes['team'] = { from: null, to: r.teamId };
  return changes;
}

async function writeRecords(tx: SqlExecutor, tenantId: string, records: readonly DemoRecord[]): Promise<void> {
  await inChunks(records, async (chunk) => {
    await tx.query(
      `INSERT INTO records (tenant_id, object, id, data, owner_id, team_id, created_by, created_at, updated_at, version, attribution)
       SELECT $1, object, id, data, "ownerId", "teamId", "createdBy", "createdAt", "updatedAt", 1, attribution
         FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, object text, data jsonb, "ownerId" uuid, "teamId" uuid,
           "createdBy" uuid, "createdAt" timestamptz, "updatedAt" timestamptz, attribution jsonb)`,
      [tenantId, JSON.stringify(chunk)],
    );
    const history = chunk.map((r) => ({
      id: r.id,
      object: r.object,
      by: r.createdBy,
      at: r.createdAt,
      changes: createChanges(r),
    }));
    await tx.query(
      `INSERT INTO record_history (tenant_id, record_id, object, version, actor_id, at, action, changes)
       SELECT $1, id, object, 1, by, at, 'create', changes
         FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, object text, by uuid, at timestamptz, changes jsonb)`,
      [tenantId, JSON.stringify(history)],
    );
  });
}

async function writePeople(tx: SqlExecutor, tenantId: string, data: DemoData): Promise<void> {
  if (data.users.length === 0 && data.teams.length === 0) return;
  const since = new Date(Date.parse(data.now) - 366 * 86_400_000).toISOString();
  await tx.query(
    `INSERT INTO teams (tenant_id, id, name, manager_id, created_at)
     SELECT $1, id, name, "managerId", $3 FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, name text, "managerId" uuid)`,
    [tenantId, JSON.stringify(data.teams), since],
  );
  // One hash per user (each its own salt): every demo user signs in with DEMO_PASSWORD.
  const users = await Promise.all(data.users.map(async (u) => ({ ...u, hash: await hashPassword(DEMO_PASSWORD) })));
  await tx.query(
    `INSERT INTO users (tenant_id, id, email, name, password_hash, role, team_id, manager_id, created_at)
     SELECT $1, id, email, name, hash, role, "teamId", "managerId", $3
       FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, email text, name text, hash text, role text, "teamId" uuid, "managerId" uuid)`,
    [tenantId, JSON.stringify(users), since],
  );
}

async function writeLeadRows(
  tx: SqlExecutor,
  tenantId: string,
  data: DemoData,
  scoring: NonNullable<WriteDemoOptions['scoring']>,
): Promise<void> {
  await writeRecords(tx, tenantId, data.leads);
  await writeRecords(tx, tenantId, data.opportunities);
  await inChunks(data.stageHistory, (chunk) =>
    tx.query(
      `INSERT INTO stage_history (tenant_id, id, record_id, object, pipeline, stage, from_stage, entered_at, exited_at,
         duration_ms, entered_by, exited_by, reason)
       SELECT $1, id, "recordId", 'lead', 'lead', stage, "fromStage", "enteredAt", "exitedAt", "durationMs", "enteredBy",
         "exitedBy", reason
         FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, "recordId" uuid, stage text, "fromStage" text,
           "enteredAt" timestamptz, "exitedAt" timestamptz, "durationMs" bigint, "enteredBy" uuid, "exitedBy" uuid, reason text)`,
      [tenantId, JSON.stringify(chunk)],
    ),
  );
  await inChunks(data.activities, (chunk) =>
    tx.query(
      `INSERT INTO activities (tenant_id, id, record_id, object, kind, outcome, summary, occurred_at, duration_minutes,
         actor_id, created_at)
       SELECT $1, id, "recordId", 'lead', kind, outcome, summary, "occurredAt", "durationMinutes", "actorId", "occurredAt"
         FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, "recordId" uuid, kind text, outcome text, summary text,
           "occurredAt" timestamptz, "durationMinutes" int, "actorId" uuid)`,
      [tenantId, JSON.stringify(chunk)],
    ),
  );
  await inChunks(data.events, (chunk) =>
    tx.query(
      `INSERT INTO events (tenant_id, id, record_id, object, type, at, data)
       SELECT $1, id, "recordId", 'lead', type, at, data
         FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, "recordId" uuid, type text, at timestamptz, data jsonb)`,
      [tenantId, JSON.stringify(chunk)],
    ),
  );
  await inChunks(data.scores, (chunk) =>
    tx.query(
      `INSERT INTO record_scores (tenant_id, record_id, model, object, score, grade, mql, mql_at, app_version, model_hash,
         fired, errors, scored_at)
       SELECT $1, "recordId", model, 'lead', score, grade, mql, "mqlAt", $3, coalesce(($4::jsonb)->>model, 'demo'),
         fired, '[]'::jsonb, "scoredAt"
         FROM jsonb_to_recordset($2::jsonb) AS x("recordId" uuid, model text, score double precision, grade text,
           mql boolean, "mqlAt" timestamptz, fired jsonb, "scoredAt" timestamptz)`,
      [tenantId, JSON.stringify(chunk), scoring.appVersion, JSON.stringify(scoring.modelHashes)],
    ),
  );
}

/** Splits the lead-bound rows of `data` into slices of `size` leads (rows follow their lead). */
function leadSlices(data: DemoData, size: number): DemoData[] {
  if (data.leads.length <= size) return [data];
  const sliceOf = new Map<string, number>();
  for (const [i, l] of data.leads.entries()) sliceOf.set(l.id, Math.floor(i / size));
  const count = Math.ceil(data.leads.length / size);
  const split = <T>(rows: readonly T[], lead: (row: T) => string) => {
    const out: T[][] = Array.from({ length: count }, () => []);
    for (const row of rows) out[sliceOf.get(lead(row)) ?? 0]?.push(row);
    return out;
  };
  const opportunities = split(data.opportunities, (o) => o.data['lead'] as string);
  const stays = split(data.stageHistory, (s) => s.recordId);
  const activities = split(data.activities, (a) => a.recordId);
  const events = split(data.events, (e) => e.recordId);
  const scores = split(data.scores, (s) => s.recordId);
  return Array.from({ length: count }, (_, i) => ({
    ...data,
    teams: [],
    users: [],
    channelCosts: [],
    goals: [],
    leads: data.leads.slice(i * size, (i + 1) * size),
    opportunities: opportunities[i] ?? [],
    stageHistory: stays[i] ?? [],
    activities: activities[i] ?? [],
    events: events[i] ?? [],
    scores: scores[i] ?? [],
  }));
}

/** Rows a slice writes: records and their history rows, stays, activities, events, scores. */
const rowCount = (d: DemoData) =>
  2 * (d.leads.length + d.opportunities.length) +
  d.stageHistory.length +
  d.activities.length +
  d.events.length +
  d.scores.length;

/**
 * Writes demo data set-wise (INSERT … SELECT FROM jsonb_to_recordset, thousands of rows per
 * statement), one transaction per slice of leads, on PGlite and PostgreSQL alike. Users (with
 * the demo password), teams, costs and goals go in the first transaction. Records get their
 * 'create' history row like every other write path; the transactions are seeding ones, so no
 * automation or SLA work is queued for this past (migration 13).
 */
export async function writeDemoData(
  db: SqlDriver,
  tenantId: string,
  data: DemoData,
  options: WriteDemoOptions = {},
): Promise<DemoWriteProgress> {
  const scoring = options.scoring ?? { appVersion: 0, modelHashes: {} };
  const size = Math.max(1, options.batchLeads ?? 2_000);
  let rows = 0;
  let leadsDone = 0;
  await db.transaction(async (tx) => {
    await quiet(tx);
    await writePeople(tx, tenantId, data);
    await writeRecords(tx, tenantId, data.channelCosts);
    await writeRecords(tx, tenantId, data.goals);
  });
  rows += data.users.length + data.teams.length + 2 * (data.channelCosts.length + data.goals.length);
  for (const slice of leadSlices(data, size)) {
    await db.transaction(async (tx) => {
      await quiet(tx);
      await writeLeadRows(tx, tenantId, slice, scoring);
    });
    rows += rowCount(slice);
    leadsDone += slice.leads.length;
    options.onProgress?.({ leadsDone, leadsTotal: data.leads.length, rows });
  }
  return { leadsDone, leadsTotal: data.leads.length, rows };
}
