import { enqueueJob, type SqlExecutor } from '@leadforge/engine';
import type { Cadence } from './scheduleCadence.js';

/** The job kind that sends one due run of a schedule. */
export const REPORT_SCHEDULE_JOB = 'report.schedule';

export interface ReportSchedule {
  readonly tenantId: string;
  readonly id: string;
  readonly kind: 'report' | 'dashboard';
  readonly target: string;
  readonly ownerId: string;
  readonly endpointId: string;
  readonly recipients: readonly string[];
  readonly format: 'csv' | 'xlsx';
  readonly cadence: Cadence;
  /** Run parameters as a query would give them (dateRange, from, to, team, owner). */
  readonly filters: Readonly<Record<string, string>>;
  readonly locale: string | null;
  readonly active: boolean;
  readonly nextRunAt: Date | null;
  readonly lastRunAt: Date | null;
  readonly lastStatus: 'sent' | 'failed' | null;
  readonly lastError: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

interface Row {
  tenant_id: string;
  id: string;
  kind: 'report' | 'dashboard';
  target: string;
  owner_id: string;
  endpoint_id: string;
  recipients: string[];
  format: 'csv' | 'xlsx';
  cadence: Cadence;
  filters: Record<string, string>;
  locale: string | null;
  active: boolean;
  next_run_at: Date | string | null;
  last_run_at: Date | string | null;
  last_status: 'sent' | 'failed' | null;
  last_error: string | null;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
  version: number;
}

const COLUMNS = `tenant_id, id::text AS id, kind, target, owner_id::text AS owner_id, endpoint_id, recipients, format, cadence,
  filters, locale, active, next_run_at, last_run_at, last_status, last_error, created_by::text AS created_by, created_at,
  updated_at, version`;

const date = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

function fromRow(r: Row): ReportSchedule {
  return {
    tenantId: r.tenant_id,
    id: r.id,
    kind: r.kind,
    target: r.target,
    ownerId: r.owner_id,
    endpointId: r.endpoint_id,
    recipients: r.recipients,
    format: r.format,
    cadence: r.cadence,
    filters: r.filters,
    locale: r.locale,
    active: r.active,
    nextRunAt: r.next_run_at === null ? null : date(r.next_run_at),
    lastRunAt: r.last_run_at === null ? null : date(r.last_run_at),
    lastStatus: r.last_status,
    lastError: r.last_error,
    createdBy: r.created_by,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    version: r.version,
  };
}

export async function getSchedule(
  db: SqlExecutor,
  tenantId: string,
  id: string,
  forUpdate = false,
): Promise<ReportSchedule | null> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM report_schedules WHERE tenant_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [tenantId, id],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function listSchedules(db: SqlExecutor, tenantId: string): Promise<ReportSchedule[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM report_schedules WHERE tenant_id = $1 ORDER BY created_at, id`,
    [tenantId],
  );
  return rows.map(fromRow);
}

/** Writes a schedule (insert or full update) as given. */
export async function saveSchedule(db: SqlExecutor, s: ReportSchedule): Promise<ReportSchedule> {
  const { rows } = await db.query<Row>(
    `INSERT INTO report_schedules (tenant_id, id, kind, target, owner_id, endpoint_id, recipients, format, cadence,
       filters, locale, active, next_run_at, last_run_at, last_status, last_error, created_by, created_at, updated_at, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9::jsonb, $10::jsonb, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
     ON CONFLICT (tenant_id, id) DO UPDATE SET kind = EXCLUDED.kind, target = EXCLUDED.target,
       owner_id = EXCLUDED.owner_id, endpoint_id = EXCLUDED.endpoint_id, recipients = EXCLUDED.recipients,
       format = EXCLUDED.format, cadence = EXCLUDED.cadence, filters = EXCLUDED.filters, locale = EXCLUDED.locale,
       active = EXCLUDED.active, next_run_at = EXCLUDED.next_run_at, last_run_at = EXCLUDED.last_run_at,
       last_status = EXCLUDED.last_status, last_error = EXCLUDED.last_error, updated_at = EXCLUDED.updated_at,
       version = EXCLUDED.version
     RETURNING ${COLUMNS}`,
    [
      s.tenantId,
      s.id,
      s.kind,
      s.target,
      s.ownerId,
      s.endpointId,
      JSON.stringify(s.recipients),
      s.format,
      JSON.stringify(s.cadence),
      JSON.stringify(s.filters),
      s.locale,
      s.active,
      s.nextRunAt,
      s.lastRunAt,
      s.lastStatus,
      s.lastError,
      s.createdBy,
      s.createdAt,
      s.updatedAt,
      s.version,
    ],
  );
  return fromRow(rows[0]!);
}

export async function deleteSchedule(db: SqlExecutor, tenantId: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM report_schedules WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
  return rowCount > 0;
}

/** The one job of a due time; a second enqueue of the same schedule and due time is a no-op. */
export async function enqueueScheduleRun(tx: SqlExecutor, s: ReportSchedule, now: Date): Promise<void> {
  if (!s.active || s.nextRunAt === null) return;
  const dueAt = s.nextRunAt.toISOString();
  await enqueueJob(
    tx,
    {
      tenantId: s.tenantId,
      kind: REPORT_SCHEDULE_JOB,
      key: `${s.id}:${dueAt}`,
      payload: { scheduleId: s.id, dueAt },
      runAt: s.nextRunAt,
      maxAttempts: 5,
    },
    now,
  );
}
