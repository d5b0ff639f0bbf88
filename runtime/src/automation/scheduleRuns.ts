import { randomUUID } from 'node:crypto';
import { enqueueJob, enqueueJobs, type NewJob, type SqlExecutor } from '@leadforge/engine';
import { type CompiledAutomation, decideRun, nextScheduleSlot } from '../../../engine/src/automation/index.js';
import type { PublishedApp } from '../apps/appRegistry.js';
import type { RuntimeContext } from '../context.js';
import type { JobHandler } from '../jobs/types.js';
import { automationsOf } from './appAutomations.js';
import { AUTOMATION_RECORD_COLUMNS, type AutomationRecordRow, toAutomationRecord } from './automationRecords.js';
import { insertRuns, type NewRun, SCHEDULE_JOB, STEP_JOB } from './runStore.js';

/** Records one schedule job looks at; a full page enqueues the next page of the same period. */
export const SCHEDULE_PAGE = 200;
/** Records one period of one schedule looks at, at most (the rest waits for the next period). */
export const SCHEDULE_MAX_RECORDS = 10_000;

interface SchedulePayload {
  readonly automation: string;
  readonly slot: string;
  readonly after?: string;
  readonly seen?: number;
}

type Schedule = Extract<CompiledAutomation['trigger'], { type: 'schedule' }>;

function scheduleOf(a: CompiledAutomation | undefined): Schedule | null {
  return a?.enabled && a.trigger.type === 'schedule' ? a.trigger : null;
}

function slotJob(tenantId: string, automation: string, slot: Date): NewJob {
  const at = slot.toISOString();
  return { tenantId, kind: SCHEDULE_JOB, key: `${automation}@${at}`, payload: { automation, slot: at }, runAt: slot };
}

/**
 * Enqueues the next slot's job of every schedule automation of the published app. Keyed by
 * automation and slot, so publish, boot and the previous slot's job (in any number of
 * processes) agree on one job per period.
 */
export async function scheduleAutomations(ctx: RuntimeContext, published: PublishedApp): Promise<number> {
  const automations = automationsOf(published.app);
  const now = ctx.clock.now();
  const jobs: NewJob[] = [];
  for (const a of automations.all) {
    const trigger = scheduleOf(a);
    if (trigger) jobs.push(slotJob(published.tenantId, a.id, nextScheduleSlot(trigger, now, automations.timeZone)));
  }
  return enqueueJobs(ctx.db, jobs, now);
}

/**
 * One page of one period of a schedule: enqueues the next period (first page only), then starts
 * a run on every live record of the automation's object (by id, from `after`) whose conditions
 * hold now, each with its first step job, in the job's transaction. A slot the current trigger
 * would not produce (the automation was changed or removed by a later publish) does nothing.
 */
async function runSchedulePage(
  ctx: RuntimeContext,
  tx: SqlExecutor,
  tenantId: string,
  published: PublishedApp | null,
  payload: SchedulePayload,
): Promise<void> {
  if (!published) return;
  const automations = automationsOf(published.app);
  const automation = automations.byId(payload.automation);
  const trigger = scheduleOf(automation);
  const slot = new Date(payload.slot);
  if (!automation || !trigger) return;
  const expected = nextScheduleSlot(trigger, new Date(slot.getTime() - 1), automations.timeZone);
  if (expected.getTime() !== slot.getTime()) return;
  const now = ctx.clock.now();
  if (payload.after === undefined) {
    const from = now.getTime() > slot.getTime() ? now : slot;
    await enqueueJob(tx, slotJob(tenantId, automation.id, nextScheduleSlot(trigger, from, automations.timeZone)), now);
  }
  const seen = payload.seen ?? 0;
  const limit = Math.min(SCHEDULE_PAGE, SCHEDULE_MAX_RECORDS - seen);
  const { rows } = await tx.query<AutomationRecordRow>(
    `SELECT ${AUTOMATION_RECORD_COLUMNS} FROM records
      WHERE tenant_id = $1 AND object = $2 AND deleted_at IS NULL AND id > $3::uuid ORDER BY id LIMIT $4`,
    [tenantId, automation.object, payload.after ?? '00000000-0000-0000-0000-000000000000', limit],
  );
  const facts = { type: 'schedule', source: 'schedule', sourceId: null, kind: null, at: payload.slot } as const;
  const runs: NewRun[] = [];
  const jobs: NewJob[] = [];
  for (const r of rows) {
    const record = toAutomationRecord(r);
    const match = { automation, facts, runAt: now, event: null };
    const decision = decideRun(match, record, null, 0, { now, evaluateNow: true });
    if (!decision.start && decision.stop === 'condition') continue;
    const id = randomUUID();
    runs.push({
      id,
      automation: automation.id,
      appVersion: published.version,
      object: record.object,
      recordId: record.id,
      status: decision.start ? 'pending' : 'stopped',
      trigger: facts,
      condition: decision.condition,
      cause: { depth: 0, chain: [] },
      depth: decision.depth,
      reason: decision.start ? null : decision.reason,
      createdAt: now,
      resumeAt: decision.start ? now : null,
      finishedAt: decision.start ? null : now,
    });
    if (decision.start) jobs.push({ tenantId, kind: STEP_JOB, key: `${id}:0`, payload: { runId: id }, runAt: now });
  }
  await insertRuns(tx, tenantId, runs);
  await enqueueJobs(tx, jobs, now);
  const last = rows.at(-1);
  if (rows.length === limit && last && seen + rows.length < SCHEDULE_MAX_RECORDS) {
    const next = { automation: automation.id, slot: payload.slot, after: last.id, seen: seen + rows.length };
    await enqueueJob(
      tx,
      { tenantId, kind: SCHEDULE_JOB, key: `${automation.id}@${payload.slot}#${last.id}`, payload: next, runAt: now },
      now,
    );
  }
}

/** The `automation.schedule` job: one page of one period of one schedule automation. */
export function scheduleHandler(ctx: RuntimeContext): JobHandler {
  return async ({ job, completeWith }) => {
    const published = await ctx.apps.current(job.tenantId);
    await completeWith((tx) => runSchedulePage(ctx, tx, job.tenantId, published, job.payload as SchedulePayload));
    return undefined;
  };
}
