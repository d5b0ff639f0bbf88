import { enqueueJob, LeadforgeError, type SqlExecutor } from '@leadforge/engine';
import { type AutomationCause, evaluateCondition, planStep } from '../../../engine/src/automation/index.js';
import type { PublishedApp } from '../apps/appRegistry.js';
import type { RuntimeContext } from '../context.js';
import type { JobHandler } from '../jobs/types.js';
import { automationsOf } from './appAutomations.js';
import { lockAutomationRecord } from './automationRecords.js';
import { executeStep } from './executeStep.js';
import { type RunStatus, STEP_JOB, type StepLog } from './runStore.js';

interface RunRow {
  automation: string;
  record_id: string | null;
  status: RunStatus;
  trigger: { guard?: { field: string; value: unknown }; event?: Record<string, unknown> };
  condition: { evaluated: boolean };
  cause: AutomationCause;
  depth: number;
  steps: StepLog[];
  next_step: number;
}

interface RunEnd {
  readonly status: RunStatus;
  readonly steps: readonly StepLog[];
  readonly nextStep: number;
  readonly reason?: string | null;
  readonly condition?: unknown;
  readonly resumeAt?: Date | null;
}

async function saveRun(tx: SqlExecutor, tenantId: string, runId: string, end: RunEnd, now: Date): Promise<void> {
  const finished = end.status === 'done' || end.status === 'failed' || end.status === 'stopped';
  await tx.query(
    `UPDATE automation_runs SET status = $3, steps = $4::jsonb, next_step = $5, reason = COALESCE($6, reason),
       condition = COALESCE($7::jsonb, condition), resume_at = $8, finished_at = $9
     WHERE tenant_id = $1 AND id = $2`,
    [
      tenantId,
      runId,
      end.status,
      JSON.stringify(end.steps),
      end.nextStep,
      end.reason ?? null,
      end.condition === undefined ? null : JSON.stringify(end.condition),
      end.resumeAt ?? null,
      finished ? now : null,
    ],
  );
}

/** A refused step's message for the run log, with the problems' field paths. */
export function errorText(error: unknown): string {
  if (error instanceof LeadforgeError) {
    const details = error.details?.map((d) => `${d.path}: ${d.message}`).join('; ');
    return details ? `${error.message} (${details})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Advances one run from its next step, in the job's transaction: marks the transaction with the
 * run's cause (so the changes it makes carry it into the inbox: loop protection), re-checks a
 * time-based run's guard and conditions, then runs steps until a `wait` (which enqueues the
 * next step job at its time and leaves the run waiting) or the end. A step refused with a
 * LeadforgeError is rolled back to its savepoint and fails the run, logged.
 */
export async function advanceRun(
  ctx: RuntimeContext,
  tx: SqlExecutor,
  tenantId: string,
  runId: string,
  published: PublishedApp | null,
) {
  const now = ctx.clock.now();
  const { rows } = await tx.query<RunRow>(
    `SELECT automation, record_id::text AS record_id, status, trigger, condition, cause, depth, steps, next_step
       FROM automation_runs WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
    [tenantId, runId],
  );
  const run = rows[0];
  if (!run || (run.status !== 'pending' && run.status !== 'waiting')) return;
  const steps = [...run.steps];
  const stop = (reason: string, status: RunStatus = 'stopped') =>
    saveRun(tx, tenantId, runId, { status, steps, nextStep: run.next_step, reason }, now);
  const automation = published ? automationsOf(published.app).byId(run.automation) : undefined;
  if (!published || !automation?.enabled)
    return stop(`automation "${run.automation}" is no longer in the published app (or is disabled)`);
  const cause: AutomationCause = { depth: run.depth, chain: [...run.cause.chain, run.automation], runId };
  await tx.query(`SELECT set_config('leadforge.automation_cause', $1, true)`, [JSON.stringify(cause)]);
  let record = run.record_id ? await lockAutomationRecord(tx, tenantId, run.record_id) : null;
  if (!record) return stop('the record was deleted');
  const event = run.trigger.event ?? null;
  let condition: unknown;
  if (!run.condition.evaluated) {
    const guard = run.trigger.guard;
    if (guard && JSON.stringify(record.data[guard.field] ?? null) !== JSON.stringify(guard.value ?? null))
      return stop(`field "${guard.field}" changed since the trigger; this timer no longer applies`);
    const result = evaluateCondition({ automation, event }, record, { now });
    condition = result;
    if (result.evaluated && !result.passed)
      return saveRun(
        tx,
        tenantId,
        runId,
        {
          status: 'stopped',
          steps,
          nextStep: 0,
          condition,
          reason: result.error ? `the conditions failed: ${result.error}` : 'the conditions did not hold when due',
        },
        now,
      );
  }
  const stageField = automationsOf(published.app).stageField(record.object);
  for (let index = run.next_step; index < automation.actions.length; index++) {
    const plan = planStep({
      automation,
      index,
      record,
      event,
      locale: published.app.defaultLocale,
      stageField,
      context: { now },
    });
    const at = now.toISOString();
    if (plan.kind === 'wait') {
      steps.push({
        index,
        type: 'wait',
        phase: 'filter',
        status: 'done',
        result: { until: plan.until.toISOString() },
        at,
      });
      await enqueueJob(
        tx,
        { tenantId, kind: STEP_JOB, key: `${runId}:${index + 1}`, payload: { runId }, runAt: plan.until },
        now,
      );
      return saveRun(
        tx,
        tenantId,
        runId,
        { status: 'waiting', steps, nextStep: index + 1, condition, resumeAt: plan.until },
        now,
      );
    }
    const type = automation.actions[index]!.type;
    await tx.query('SAVEPOINT automation_step');
    try {
      const result = await executeStep(
        tx,
        { ctx, published, runId, automationId: automation.id, index, record, now },
        plan,
      );
      await tx.query('RELEASE SAVEPOINT automation_step');
      steps.push({ index, type, phase: plan.phase, status: 'done', result, at });
    } catch (error) {
      if (!(error instanceof LeadforgeError)) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT automation_step');
      steps.push({ index, type, phase: plan.phase, status: 'failed', error: errorText(error), at });
      return saveRun(
        tx,
        tenantId,
        runId,
        { status: 'failed', steps, nextStep: index, condition, reason: `step ${index} (${type}) failed` },
        now,
      );
    }
    if (plan.kind === 'update' || plan.kind === 'route')
      record = (await lockAutomationRecord(tx, tenantId, record.id)) ?? record;
  }
  return saveRun(tx, tenantId, runId, { status: 'done', steps, nextStep: automation.actions.length, condition }, now);
}

/** The `automation.step` job: advances its run in the job's own completion transaction. */
export function automationStepHandler(ctx: RuntimeContext): JobHandler {
  return async ({ job, completeWith }) => {
    const { runId } = job.payload as { runId: string };
    // read before the transaction: a cache miss queries the pool, and a pool whose connections all
    // hold step transactions waiting for one more connection would starve (seen in the bench)
    const published = await ctx.apps.current(job.tenantId);
    await completeWith((tx) => advanceRun(ctx, tx, job.tenantId, runId, published));
    return undefined;
  };
}
