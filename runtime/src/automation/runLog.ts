import { LeadforgeError, type SqlExecutor } from '@leadforge/engine';
import { isAdmin } from '../access/permissions.js';
import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';
import { UUID } from '../records/recordInput.js';

/** A run as the API shows it. */
export interface ApiAutomationRun {
  readonly id: string;
  readonly automation: string;
  readonly appVersion: number;
  readonly object: string;
  readonly recordId: string | null;
  readonly status: string;
  readonly trigger: unknown;
  readonly condition: unknown;
  readonly cause: unknown;
  readonly depth: number;
  readonly steps: unknown;
  readonly nextStep: number;
  readonly reason: string | null;
  readonly createdAt: string;
  readonly resumeAt: string | null;
  readonly finishedAt: string | null;
}

interface RunDbRow {
  id: string;
  automation: string;
  app_version: number;
  object: string;
  record_id: string | null;
  status: string;
  trigger: unknown;
  condition: unknown;
  cause: unknown;
  depth: number;
  steps: unknown;
  next_step: number;
  reason: string | null;
  created_at: Date | string;
  resume_at: Date | string | null;
  finished_at: Date | string | null;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function toApiRun(r: RunDbRow): ApiAutomationRun {
  return {
    id: r.id,
    automation: r.automation,
    appVersion: Number(r.app_version),
    object: r.object,
    recordId: r.record_id,
    status: r.status,
    trigger: r.trigger,
    condition: r.condition,
    cause: r.cause,
    depth: Number(r.depth),
    steps: r.steps,
    nextStep: Number(r.next_step),
    reason: r.reason,
    createdAt: iso(r.created_at)!,
    resumeAt: iso(r.resume_at),
    finishedAt: iso(r.finished_at),
  };
}

const COLUMNS = `id::text AS id, automation, app_version, object, record_id::text AS record_id, status, trigger,
  condition, cause, depth, steps, next_step, reason, created_at, resume_at, finished_at`;

export interface RunQuery {
  readonly automation?: string;
  readonly recordId?: string;
  readonly limit: number;
}

/** The newest runs, optionally of one automation and/or one record. */
export async function listAutomationRuns(db: SqlExecutor, tenantId: string, q: RunQuery): Promise<ApiAutomationRun[]> {
  const { rows } = await db.query<RunDbRow>(
    `SELECT ${COLUMNS} FROM automation_runs WHERE tenant_id = $1
       AND ($2::text IS NULL OR automation = $2) AND ($3::uuid IS NULL OR record_id = $3)
     ORDER BY created_at DESC, id LIMIT $4`,
    [tenantId, q.automation ?? null, q.recordId ?? null, q.limit],
  );
  return rows.map(toApiRun);
}

/** One run with its steps; NOT_FOUND when the tenant has no such run. */
export async function automationRunOrThrow(db: SqlExecutor, tenantId: string, id: string): Promise<ApiAutomationRun> {
  if (!UUID.test(id)) throw new LeadforgeError('NOT_FOUND', 'automation run not found');
  const { rows } = await db.query<RunDbRow>(`SELECT ${COLUMNS} FROM automation_runs WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    id,
  ]);
  if (!rows[0]) throw new LeadforgeError('NOT_FOUND', 'automation run not found');
  return toApiRun(rows[0]);
}

/** Run logs are for admins and ops: they show every record's automation history. */
async function mayReadRunsOrThrow(ctx: RuntimeContext, actor: Actor): Promise<void> {
  const published = await ctx.apps.current(actor.tenantId);
  if (isAdmin(published?.app ?? null, actor) || actor.role === 'ops') return;
  throw new LeadforgeError('FORBIDDEN', 'only admins and ops read automation runs');
}

/** `GET /api/v1/automations/runs` for this caller. */
export async function automationRunsFor(ctx: RuntimeContext, actor: Actor, q: RunQuery): Promise<ApiAutomationRun[]> {
  await mayReadRunsOrThrow(ctx, actor);
  return listAutomationRuns(ctx.db, actor.tenantId, q);
}

/** `GET /api/v1/automations/runs/:id` for this caller. */
export async function automationRunFor(ctx: RuntimeContext, actor: Actor, id: string): Promise<ApiAutomationRun> {
  await mayReadRunsOrThrow(ctx, actor);
  return automationRunOrThrow(ctx.db, actor.tenantId, id);
}
