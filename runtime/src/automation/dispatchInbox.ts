import { randomUUID } from 'node:crypto';
import { enqueueJobs, type NewJob, type SqlExecutor } from '@leadforge/engine';
import {
  type AutomationCause,
  type AutomationRecord,
  decideRun,
  type InboxItem,
  matchTriggers,
  RATE_WINDOW_MS,
  type TriggerMatch,
} from '../../../engine/src/automation/index.js';
import type { PublishedApp } from '../apps/appRegistry.js';
import type { RuntimeContext } from '../context.js';
import { automationsOf } from './appAutomations.js';
import { loadAutomationRecords } from './automationRecords.js';
import { advanceRun } from './runAutomationStep.js';
import { type DueRun, runSetWise, runsSetWise } from './runSetWise.js';
import { insertRuns, type NewRun, STEP_JOB } from './runStore.js';

interface InboxRow {
  id: string;
  source: 'event' | 'history';
  source_id: string;
  record_id: string;
  object: string;
  kind: string;
  at: Date | string;
  data: Record<string, unknown>;
  cause: AutomationCause | null;
}

/** Inbox rows one dispatch transaction takes at most. */
export const DISPATCH_BATCH = 64;

/** Claims up to `limit` inbox rows no other dispatcher holds, oldest first, and deletes them with the transaction. */
async function claimInbox(tx: SqlExecutor, tenantId: string, limit: number): Promise<InboxItem[]> {
  const { rows } = await tx.query<InboxRow>(
    `DELETE FROM automation_inbox WHERE tenant_id = $1 AND id IN (
       SELECT id FROM automation_inbox WHERE tenant_id = $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING id::text AS id, source, source_id, record_id::text AS record_id, object, kind, at, data, cause`,
    [tenantId, limit],
  );
  return rows
    .map((r) => ({
      id: r.id,
      source: r.source,
      sourceId: r.source_id,
      recordId: r.record_id,
      object: r.object,
      kind: r.kind,
      at: new Date(r.at),
      data: r.data,
      cause: r.cause,
    }))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

async function recentRunCounts(
  tx: SqlExecutor,
  tenantId: string,
  matches: readonly { match: TriggerMatch; item: InboxItem }[],
  now: Date,
): Promise<Map<string, number>> {
  if (matches.length === 0) return new Map();
  const { rows } = await tx.query<{ automation: string; record_id: string; n: number }>(
    `SELECT automation, record_id::text AS record_id, count(*)::int AS n FROM automation_runs
      WHERE tenant_id = $1 AND record_id = ANY($2::uuid[]) AND created_at > $3 GROUP BY 1, 2`,
    [tenantId, [...new Set(matches.map((m) => m.item.recordId))], new Date(now.getTime() - RATE_WINDOW_MS)],
  );
  return new Map(rows.map((r) => [`${r.automation}\u0000${r.record_id}`, Number(r.n)]));
}

/** The run and job a decision writes (none for a run that does not start and needs no log line). */
function runFor(
  published: PublishedApp,
  match: TriggerMatch,
  item: InboxItem,
  record: AutomationRecord,
  counts: Map<string, number>,
  now: Date,
): { run: NewRun; job: NewJob | null } | null {
  const key = `${match.automation.id}\u0000${record.id}`;
  const recent = counts.get(key) ?? 0;
  const later = match.runAt.getTime() > now.getTime();
  const decision = decideRun(match, record, item.cause, recent, { now, evaluateNow: !later });
  if (!decision.start && decision.stop === 'condition') return null;
  counts.set(key, recent + 1);
  const id = randomUUID();
  const run: NewRun = {
    id,
    automation: match.automation.id,
    appVersion: published.version,
    object: record.object,
    recordId: record.id,
    status: decision.start ? (later ? 'waiting' : 'pending') : 'stopped',
    trigger: {
      ...match.facts,
      ...(match.guard ? { guard: match.guard } : {}),
      ...(match.event ? { event: match.event } : {}),
    },
    condition: decision.condition,
    cause: item.cause ?? { depth: 0, chain: [] },
    depth: decision.depth,
    reason: decision.start ? null : decision.reason,
    createdAt: now,
    resumeAt: decision.start ? match.runAt : null,
    finishedAt: decision.start ? null : now,
  };
  const job: NewJob | null = decision.start
    ? { tenantId: published.tenantId, kind: STEP_JOB, key: `${id}:0`, payload: { runId: id }, runAt: match.runAt }
    : null;
  return { run, job };
}

/**
 * Runs a run that is due now inside the dispatch transaction (what its first step job would do,
 * without a job row, a claim and a transaction of its own per run). Under a savepoint: any error
 * (a deadlock with another dispatcher on the same record, a bug in an action) rolls back just
 * this run, which then gets its step job as before. Answers whether it ran.
 */
async function runInline(
  ctx: RuntimeContext,
  tx: SqlExecutor,
  tenantId: string,
  job: NewJob,
  published: PublishedApp,
): Promise<boolean> {
  await tx.query('SAVEPOINT automation_inline');
  try {
    await advanceRun(ctx, tx, tenantId, (job.payload as { runId: string }).runId, published);
    await tx.query('RELEASE SAVEPOINT automation_inline');
    return true;
  } catch {
    await tx.query('ROLLBACK TO SAVEPOINT automation_inline');
    return false;
  } finally {
    await tx.query(`SELECT set_config('leadforge.automation_cause', '', true)`);
  }
}

/** A run due now, with the step job it falls back to when it cannot run in the dispatch transaction. */
interface DueNow extends DueRun {
  readonly job: NewJob;
}

/**
 * The due runs of records whose due runs all run set-wise (a record with any other due run keeps
 * all of its runs one by one, in their order), and the rest.
 */
function splitSetWise(due: readonly DueNow[]): { setWise: DueNow[]; oneByOne: DueNow[] } {
  const mixed = new Set(due.filter((d) => !runsSetWise(d.automation)).map((d) => d.run.recordId));
  const setWise: DueNow[] = [];
  const oneByOne: DueNow[] = [];
  for (const d of due) (mixed.has(d.run.recordId) ? oneByOne : setWise).push(d);
  return { setWise, oneByOne };
}

/**
 * One dispatch transaction: claims inbox rows (SKIP LOCKED, so concurrent dispatchers take
 * disjoint rows), matches each against the app's compiled triggers, applies loop protection and
 * conditions, and writes the runs and their first step jobs in the transaction that deletes the
 * rows — each row starts its runs exactly once. Runs due now run in the same transaction:
 * set-wise when their actions are field writes and list adds (runSetWise), else one by one
 * under a savepoint. Answers how many rows it took. `published` is read by the caller before
 * the transaction (a cache miss needs a pool connection of its own).
 */
export async function dispatchInboxBatch(
  ctx: RuntimeContext,
  tx: SqlExecutor,
  tenantId: string,
  published: PublishedApp | null,
  limit = DISPATCH_BATCH,
): Promise<number> {
  const items = await claimInbox(tx, tenantId, limit);
  if (items.length === 0) return 0;
  if (!published) return items.length;
  const automations = automationsOf(published.app);
  const matched: { match: TriggerMatch; item: InboxItem }[] = [];
  for (const item of items) for (const match of matchTriggers(automations, item)) matched.push({ match, item });
  if (matched.length === 0) return items.length;
  const now = ctx.clock.now();
  // locked in id order by every dispatcher: two whose batches share records cannot deadlock on them
  const records = await loadAutomationRecords(
    tx,
    tenantId,
    matched.map((m) => m.item.recordId),
    { lock: true },
  );
  const counts = await recentRunCounts(tx, tenantId, matched, now);
  const runs: NewRun[] = [];
  const due: DueNow[] = [];
  const later: NewJob[] = [];
  for (const { match, item } of matched) {
    const record = records.get(item.recordId);
    if (!record) continue;
    const planned = runFor(published, match, item, record, counts, now);
    if (!planned) continue;
    if (planned.job && planned.job.runAt.getTime() <= now.getTime())
      due.push({ run: planned.run, automation: match.automation, event: match.event, job: planned.job });
    else {
      runs.push(planned.run);
      if (planned.job) later.push(planned.job);
    }
  }
  const { setWise, oneByOne } = splitSetWise(due);
  let finished: NewRun[] = [];
  if (setWise.length > 0) {
    await tx.query('SAVEPOINT automation_set_wise');
    try {
      finished = await runSetWise(tx, published, setWise, records, now, items[items.length - 1]!.id);
      await tx.query('RELEASE SAVEPOINT automation_set_wise');
    } catch {
      await tx.query('ROLLBACK TO SAVEPOINT automation_set_wise');
      oneByOne.push(...setWise);
    }
  }
  await insertRuns(tx, tenantId, [...runs, ...finished, ...oneByOne.map((d) => d.run)]);
  // in record-id order (stable for one record's runs), as the records were locked
  const recordOf = (d: DueNow) => d.run.recordId ?? '';
  oneByOne.sort((a, b) => (recordOf(a) < recordOf(b) ? -1 : recordOf(a) > recordOf(b) ? 1 : 0));
  for (const d of oneByOne) if (!(await runInline(ctx, tx, tenantId, d.job, published))) later.push(d.job);
  await enqueueJobs(tx, later, now);
  return items.length;
}
