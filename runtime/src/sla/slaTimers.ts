import { randomUUID } from 'node:crypto';
import {
  enqueueJob,
  planSlaCheck,
  type SlaDefinition,
  type SqlExecutor,
  slaDueAt,
  slaFollowUpEvents,
  slaSteps,
} from '@leadforge/engine';
import type { PublishedApp } from '../apps/appRegistry.js';
import type { RuntimeContext } from '../context.js';
import type { JobHandler } from '../jobs/types.js';
import { notifyUser } from '../notifications/notifyUser.js';
import { calendarOf, SLA_CHECK_JOB, SLA_START_JOB, slaApplies, slasOf } from './slaDefinitions.js';
import { slaRecipient } from './slaRecipients.js';

interface RecordRow {
  id: string;
  object: string;
  data: Record<string, unknown>;
  owner_id: string | null;
  team_id: string | null;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

async function loadRecord(tx: SqlExecutor, tenantId: string, id: string): Promise<RecordRow | undefined> {
  const { rows } = await tx.query<RecordRow>(
    `SELECT id::text AS id, object, data, owner_id::text AS owner_id, team_id::text AS team_id, created_at, updated_at,
            deleted_at FROM records WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  return rows[0];
}

/** What an SLA's condition reads: the record's fields and its system values. */
function ruleData(record: RecordRow): Record<string, unknown> {
  return {
    ...record.data,
    id: record.id,
    owner: record.owner_id,
    team: record.team_id,
    created_at: new Date(record.created_at).toISOString(),
    updated_at: new Date(record.updated_at).toISOString(),
  };
}

function recordTitle(record: RecordRow): string {
  for (const field of ['name', 'company_name', 'email']) {
    const v = record.data[field];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return record.id;
}

function slaLabel(published: PublishedApp, sla: SlaDefinition): string {
  const label = sla.label;
  return label?.[published.app.defaultLocale] ?? label?.['en'] ?? sla.id;
}

async function enqueueCheck(tx: SqlExecutor, tenantId: string, timerId: string, step: number, at: Date, now: Date) {
  await enqueueJob(
    tx,
    { tenantId, kind: SLA_CHECK_JOB, key: `${timerId}:${step}`, payload: { timerId, step }, runAt: at },
    now,
  );
}

async function appendEvent(
  tx: SqlExecutor,
  tenantId: string,
  record: RecordRow,
  type: string,
  at: Date,
  data: Record<string, unknown>,
): Promise<void> {
  await tx.query(
    'INSERT INTO events (tenant_id, id, record_id, object, type, at, data) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)',
    [tenantId, randomUUID(), record.id, record.object, type, at, JSON.stringify(data)],
  );
}

interface StartPayload {
  readonly recordId: string;
  readonly ownerId: string;
  readonly at: string;
}

/**
 * Starts the clocks of a record that got an owner: timers of an earlier owner are cancelled (the
 * new owner gets the full time), and each SLA of the object whose condition holds starts a timer
 * due `within` after the assignment, with its check job.
 */
export async function startSlaTimers(
  tx: SqlExecutor,
  published: PublishedApp,
  payload: StartPayload,
  now: Date,
): Promise<number> {
  const { tenantId } = published;
  const record = await loadRecord(tx, tenantId, payload.recordId);
  if (!record || record.deleted_at !== null || record.owner_id !== payload.ownerId) return 0;
  const startedAt = new Date(payload.at);
  await tx.query(
    `UPDATE sla_timers SET status = 'cancelled', ended_at = $4, next_due_at = NULL
      WHERE tenant_id = $1 AND record_id = $2 AND status IN ('running', 'breached') AND owner_id IS DISTINCT FROM $3::uuid`,
    [tenantId, record.id, record.owner_id, startedAt],
  );
  let started = 0;
  for (const sla of slasOf(published)) {
    if (sla.object !== record.object || !slaApplies(sla, ruleData(record), now)) continue;
    const id = randomUUID();
    const dueAt = slaDueAt(startedAt, sla.within, calendarOf(published, sla));
    const { rows } = await tx.query(
      `INSERT INTO sla_timers (tenant_id, id, sla, object, record_id, owner_id, status, started_at, step, next_due_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, 0, $8)
       ON CONFLICT (tenant_id, sla, record_id) WHERE status IN ('running', 'breached') DO NOTHING RETURNING id`,
      [tenantId, id, sla.id, record.object, record.id, record.owner_id, startedAt, dueAt],
    );
    if (rows.length === 0) continue;
    await enqueueCheck(tx, tenantId, id, 0, dueAt, now);
    started++;
  }
  return started;
}

interface TimerRow {
  id: string;
  sla: string;
  record_id: string;
  owner_id: string | null;
  status: string;
  started_at: Date;
  step: number;
  next_due_at: Date | null;
}

/** The first follow-up event on the record after the timer started (up to now), if any. */
export async function firstFollowUp(
  tx: SqlExecutor,
  tenantId: string,
  recordId: string,
  types: readonly string[],
  since: Date,
  until: Date,
): Promise<Date | null> {
  const { rows } = await tx.query<{ at: Date | null }>(
    `SELECT min(at) AS at FROM events
      WHERE tenant_id = $1 AND record_id = $2 AND type = ANY($3::text[]) AND at > $4 AND at <= $5`,
    [tenantId, recordId, types, since, until],
  );
  const at = rows[0]?.at;
  return at ? new Date(at) : null;
}

/**
 * Runs a due SLA step in the caller's transaction: met by a follow-up, cancelled for a new
 * owner, else notify (in-app), append `sla.breached` / `sla.escalated`, and schedule the next.
 */
export async function checkSlaTimer(
  tx: SqlExecutor,
  published: PublishedApp,
  payload: { readonly timerId: string; readonly step: number },
  now: Date,
): Promise<SlaCheckOutcome> {
  const { tenantId } = published;
  const { rows } = await tx.query<TimerRow>(
    `SELECT id::text AS id, sla, record_id::text AS record_id, owner_id::text AS owner_id, status, started_at, step,
            next_due_at FROM sla_timers WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
    [tenantId, payload.timerId],
  );
  const timer = rows[0];
  if (!timer || (timer.status !== 'running' && timer.status !== 'breached') || timer.step !== payload.step)
    return 'stale';
  const sla = slasOf(published).find((s) => s.id === timer.sla);
  const record = await loadRecord(tx, tenantId, timer.record_id);
  const end = async (status: 'met' | 'cancelled', metAt: Date | null) => {
    await tx.query(
      `UPDATE sla_timers SET status = $3, met_at = $4, ended_at = $5, next_due_at = NULL WHERE tenant_id = $1 AND id = $2`,
      [tenantId, timer.id, status, metAt, now],
    );
  };
  if (!sla || !record || record.deleted_at !== null) {
    await end('cancelled', null);
    return 'cancelled';
  }
  const followUpAt = await firstFollowUp(
    tx,
    tenantId,
    record.id,
    slaFollowUpEvents(sla),
    new Date(timer.started_at),
    now,
  );
  const dueAt = new Date(timer.next_due_at ?? now);
  const calendar = calendarOf(published, sla);
  const decision = planSlaCheck(
    sla,
    { step: timer.step, dueAt, followUpAt, sameOwner: record.owner_id === timer.owner_id },
    calendar,
  );
  if (decision.kind === 'met') {
    await end('met', decision.at);
    return 'met';
  }
  if (decision.kind === 'cancel' || timer.owner_id === null) {
    await end('cancelled', null);
    return 'cancelled';
  }
  const recipient = await slaRecipient(tx, tenantId, decision.notify, timer.owner_id, record.team_id);
  const steps = slaSteps(sla);
  const data = {
    sla: sla.id,
    timerId: timer.id,
    step: timer.step,
    steps: steps.length,
    ownerId: timer.owner_id,
    notify: decision.notify,
    notified: recipient,
    startedAt: new Date(timer.started_at).toISOString(),
    dueAt: dueAt.toISOString(),
  };
  if (recipient) {
    const title = recordTitle(record);
    const breach = decision.event === 'sla.breached';
    await notifyUser(
      tx,
      {
        tenantId,
        userId: recipient,
        kind: decision.event,
        title: breach
          ? `No follow-up yet: ${title} (${slaLabel(published, sla)})`
          : `Escalated: ${title} still has no follow-up (${slaLabel(published, sla)})`,
        body: `Assigned ${data.startedAt}; due ${data.dueAt}.`,
        object: record.object,
        recordId: record.id,
        data,
      },
      now,
    );
  }
  await appendEvent(tx, tenantId, record, decision.event, now, data);
  await tx.query(
    `UPDATE sla_timers SET status = $3, step = step + 1, breached_at = COALESCE(breached_at, $4), next_due_at = $5,
            ended_at = CASE WHEN $5::timestamptz IS NULL THEN $4 ELSE NULL END
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, timer.id, decision.nextDueAt ? 'breached' : 'done', now, decision.nextDueAt],
  );
  if (decision.nextDueAt) await enqueueCheck(tx, tenantId, timer.id, timer.step + 1, decision.nextDueAt, now);
  return decision.event === 'sla.breached' ? 'breached' : 'escalated';
}

export type SlaCheckOutcome = 'stale' | 'met' | 'cancelled' | 'breached' | 'escalated';

/** Job handlers of the SLA timers, by kind. */
export function slaJobHandlers(ctx: Pick<RuntimeContext, 'apps'>): Record<string, JobHandler> {
  return {
    [SLA_START_JOB]: async (job) => {
      const published = await ctx.apps.current(job.job.tenantId);
      if (!published) return { outcome: 'done' };
      await job.completeWith((tx) => startSlaTimers(tx, published, job.job.payload as StartPayload, job.clock.now()));
      return undefined;
    },
    [SLA_CHECK_JOB]: async (job) => {
      const published = await ctx.apps.current(job.job.tenantId);
      if (!published) return { outcome: 'done' };
      await job.completeWith((tx) =>
        checkSlaTimer(tx, published, job.job.payload as { timerId: string; step: number }, job.clock.now()),
      );
      return undefined;
    },
  };
}
