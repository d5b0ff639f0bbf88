import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@leadforge/engine';
import type { RuntimeContext } from '../context.js';
import type { JobHandler } from '../jobs/types.js';
import { drainInbox } from './drainInbox.js';
import { automationStepHandler } from './runAutomationStep.js';
import { DISPATCH_JOB, SCHEDULE_JOB, STEP_JOB, TASK_DUE_JOB } from './runStore.js';
import { scheduleHandler } from './scheduleRuns.js';

/**
 * `automation.dispatch`: written by the inbox trigger, one per writing transaction. It waits for
 * a drain pass that starts after it was claimed (so after its writer committed) and completes
 * when the pass has taken every row it could; jobs of a burst share passes (drainInbox) and
 * complete together in one statement. If the pass fails or the process dies, the job runs again.
 */
function dispatchHandler(ctx: RuntimeContext): JobHandler {
  return async ({ job }) => {
    await drainInbox(ctx, job.tenantId);
    return undefined;
  };
}

/** Appends `task.overdue` when the task is still open at the due time this job was made for. */
async function emitTaskOverdue(tx: SqlExecutor, tenantId: string, taskId: string, dueAt: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO events (tenant_id, id, record_id, object, type, at, data, event_key)
     SELECT t.tenant_id, $3::uuid, t.record_id, t.object, 'task.overdue', t.due_at,
       jsonb_build_object('taskId', t.id, 'title', t.title, 'kind', t.kind, 'priority', t.priority,
         'assigneeId', t.assignee_id, 'dueAt', t.due_at),
       'task.overdue:' || t.id::text || '@' || $4
     FROM tasks t WHERE t.tenant_id = $1 AND t.id = $2::uuid AND t.status = 'open' AND t.due_at = $4::timestamptz
     ON CONFLICT (tenant_id, event_key) WHERE event_key IS NOT NULL DO NOTHING`,
    [tenantId, taskId, randomUUID(), dueAt],
  );
  return rowCount === 1;
}

function taskDueHandler(): JobHandler {
  return async ({ job, completeWith }) => {
    const { taskId, dueAt } = job.payload as { taskId: string; dueAt: string };
    await completeWith((tx) => emitTaskOverdue(tx, job.tenantId, taskId, dueAt));
    return undefined;
  };
}

/** The automation job kinds, for jobHandlersForContext. */
export function automationJobHandlers(ctx: RuntimeContext): Record<string, JobHandler> {
  return {
    [DISPATCH_JOB]: dispatchHandler(ctx),
    [STEP_JOB]: automationStepHandler(ctx),
    [TASK_DUE_JOB]: taskDueHandler(),
    [SCHEDULE_JOB]: scheduleHandler(ctx),
  };
}
