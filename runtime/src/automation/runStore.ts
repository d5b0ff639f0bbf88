import type { SqlExecutor } from '@leadforge/engine';

/** The job kinds of automations. */
export const DISPATCH_JOB = 'automation.dispatch';
export const STEP_JOB = 'automation.step';
export const SCHEDULE_JOB = 'automation.schedule';
export const SCHEDULE_SEED_JOB = 'automation.schedule-seed';
export const TASK_DUE_JOB = 'automation.task-due';

export type RunStatus = 'pending' | 'waiting' | 'done' | 'failed' | 'stopped';

/** One step's line in the run log. */
export interface StepLog {
  readonly index: number;
  readonly type: string;
  readonly phase: 'filter' | 'effect';
  readonly status: 'done' | 'failed' | 'skipped';
  readonly result?: unknown;
  readonly error?: string;
  readonly at: string;
}

/** A run as the log keeps it. */
export interface NewRun {
  readonly id: string;
  readonly automation: string;
  readonly appVersion: number;
  readonly object: string;
  readonly recordId: string | null;
  readonly status: RunStatus;
  readonly trigger: unknown;
  readonly condition: unknown;
  readonly cause: unknown;
  readonly depth: number;
  readonly reason: string | null;
  readonly createdAt: Date;
  readonly resumeAt: Date | null;
  readonly finishedAt: Date | null;
  /** A run written finished (set-wise runs): its steps and where it stopped; else `[]` and 0. */
  readonly steps?: readonly StepLog[];
  readonly nextStep?: number;
}

/** Writes many runs in one statement. */
export async function insertRuns(tx: SqlExecutor, tenantId: string, runs: readonly NewRun[]): Promise<void> {
  if (runs.length === 0) return;
  await tx.query(
    `INSERT INTO automation_runs (tenant_id, id, automation, app_version, object, record_id, status, trigger, condition,
       cause, depth, steps, next_step, reason, created_at, resume_at, finished_at)
     SELECT $1, r.id, r.automation, r.app_version, r.object, r.record_id, r.status, r.trigger, r.condition, r.cause,
       r.depth, COALESCE(r.steps, '[]'::jsonb), COALESCE(r.next_step, 0), r.reason, r.created_at, r.resume_at, r.finished_at
     FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, automation text, app_version int, object text, record_id uuid,
       status text, trigger jsonb, condition jsonb, cause jsonb, depth int, steps jsonb, next_step int, reason text,
       created_at timestamptz,
       resume_at timestamptz, finished_at timestamptz)`,
    [
      tenantId,
      JSON.stringify(
        runs.map((r) => ({
          id: r.id,
          automation: r.automation,
          app_version: r.appVersion,
          object: r.object,
          record_id: r.recordId,
          status: r.status,
          trigger: r.trigger,
          condition: r.condition,
          cause: r.cause,
          depth: r.depth,
          steps: r.steps ?? null,
          next_step: r.nextStep ?? null,
          reason: r.reason,
          created_at: r.createdAt.toISOString(),
          resume_at: r.resumeAt?.toISOString() ?? null,
          finished_at: r.finishedAt?.toISOString() ?? null,
        })),
      ),
    ],
  );
}
