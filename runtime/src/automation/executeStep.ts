import { enqueueDelivery, LeadforgeError, type SqlExecutor, updateRecord } from '@leadforge/engine';
import type { AutomationRecord, StepPlan } from '../../../engine/src/automation/index.js';
import { requestApproval } from '../approvals/requestApproval.js';
import type { PublishedApp } from '../apps/appRegistry.js';
import type { RuntimeContext } from '../context.js';
import { convertInTx } from '../conversion/convertRecord.js';
import { runtimeDelivery } from '../jobs/runtimeDelivery.js';
import { notifyUser } from '../notifications/notifyUser.js';
import { enrollInNurture, unenrollFromNurture } from '../nurture/enrollment.js';
import { pipelinesOf } from '../pipelines/pipelines.js';
import { transitionInTx } from '../pipelines/transitionRecord.js';
import { routeRecord } from '../routing/routeRecord.js';
import { createTask } from '../tasks/createTask.js';

export interface StepScope {
  readonly ctx: RuntimeContext;
  readonly published: PublishedApp;
  readonly runId: string;
  readonly automationId: string;
  readonly index: number;
  readonly record: AutomationRecord;
  readonly now: Date;
}

async function managerOf(tx: SqlExecutor, tenantId: string, userId: string | null): Promise<string | null> {
  if (userId === null) return null;
  const { rows } = await tx.query<{ manager: string | null }>(
    `SELECT COALESCE(u.manager_id, t.manager_id)::text AS manager FROM users u
     LEFT JOIN teams t ON t.tenant_id = u.tenant_id AND t.id = u.team_id WHERE u.tenant_id = $1 AND u.id = $2`,
    [tenantId, userId],
  );
  return rows[0]?.manager ?? null;
}

async function recipients(tx: SqlExecutor, s: StepScope, to: 'owner' | 'manager' | null, role: string | null) {
  const tenantId = s.published.tenantId;
  if (role !== null) {
    const { rows } = await tx.query<{ id: string }>(
      'SELECT id::text AS id FROM users WHERE tenant_id = $1 AND role = $2 AND active ORDER BY id',
      [tenantId, role],
    );
    return rows.map((r) => r.id);
  }
  const user = to === 'manager' ? await managerOf(tx, tenantId, s.record.ownerId) : s.record.ownerId;
  return user ? [user] : [];
}

async function emailOf(tx: SqlExecutor, tenantId: string, userId: string | null): Promise<string | null> {
  if (userId === null) return null;
  const { rows } = await tx.query<{ email: string }>('SELECT email FROM users WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    userId,
  ]);
  return rows[0]?.email ?? null;
}

async function deliver(tx: SqlExecutor, s: StepScope, plan: Extract<StepPlan, { kind: 'deliver' }>) {
  const tenantId = s.published.tenantId;
  const action = runtimeDelivery(s.ctx).actions.get(plan.action);
  if (!action) throw new LeadforgeError('INVALID', `the delivery action "${plan.action}" is not installed`);
  let config = plan.config;
  if (plan.recipient) {
    const user = plan.recipient === 'manager' ? await managerOf(tx, tenantId, s.record.ownerId) : s.record.ownerId;
    const email = await emailOf(tx, tenantId, user);
    if (!email) throw new LeadforgeError('INVALID', `the record's ${plan.recipient} has no email address`);
    config = { ...config, to: [email] };
  }
  const deliveries = action.plan(config, {
    event: `automation.${s.automationId}`,
    occurredAt: s.now.toISOString(),
    messageId: `${s.runId}:${s.index}`,
    record: { ...s.record.data, id: s.record.id },
    locale: s.published.app.defaultLocale,
  });
  const jobs: string[] = [];
  for (const d of deliveries) {
    const job = await enqueueDelivery(tx, { tenantId, endpointId: d.endpointId, message: d.message }, s.now);
    jobs.push(job.id);
  }
  return { endpoint: deliveries.map((d) => d.endpointId), jobs };
}

/**
 * Carries out one planned step in the run's transaction. Filter steps change the record here;
 * effect steps write tasks, notifications, nurture runs, list members or outbox deliveries that
 * commit with the run and reach the outside world after commit. Answers the step's result for
 * the run log; a refusal throws a LeadforgeError (the run fails with its message).
 */
export async function executeStep(tx: SqlExecutor, s: StepScope, plan: StepPlan): Promise<unknown> {
  const tenantId = s.published.tenantId;
  switch (plan.kind) {
    case 'update': {
      const object = s.published.app.objects[s.record.object];
      if (!object) throw new LeadforgeError('NOT_FOUND', `object "${s.record.object}" is not in this app version`);
      const valid = object.validatePatch(plan.set);
      if (!valid.ok) throw new LeadforgeError('INVALID', 'the value does not fit the field', [...valid.problems]);
      const written = await updateRecord(tx, {
        tenantId,
        object: s.record.object,
        id: s.record.id,
        scope: { kind: 'all' },
        expectedVersion: s.record.version,
        set: valid.value,
        actorId: null,
        now: s.now,
      });
      if (written.status !== 'ok') throw new LeadforgeError('STALE_VERSION', 'the record changed during the run');
      return { set: valid.value, version: written.record.version };
    }
    case 'stage': {
      const object = s.published.app.objects[s.record.object];
      const pipeline = pipelinesOf(s.published.app).byObject(s.record.object)[0];
      if (!object || !pipeline)
        return executeStep(tx, s, { kind: 'update', phase: 'filter', set: { [plan.field]: plan.stage } });
      const moved = await transitionInTx(tx, {
        tenantId,
        pipeline,
        object,
        recordId: s.record.id,
        scope: undefined,
        request: { to: plan.stage },
        actorId: null,
        now: s.now,
      });
      return moved.status === 'moved'
        ? { stage: plan.stage }
        : { stage: plan.stage, pendingApproval: moved.approval.id };
    }
    case 'route': {
      const outcome = await routeRecord(tx, {
        tenantId,
        app: s.published.app,
        object: s.record.object,
        recordId: s.record.id,
        routingId: plan.routing,
        cause: 'automation',
        actorId: null,
        now: s.now,
      });
      return { routing: outcome.routing, assignmentId: outcome.assignmentId };
    }
    case 'task': {
      const assigneeId = plan.assignTo === 'owner' ? s.record.ownerId : null;
      const task = await createTask(tx, {
        tenantId,
        record: { id: s.record.id, object: s.record.object },
        title: plan.title,
        kind: plan.taskKind as never,
        priority: plan.priority,
        dueAt: plan.dueAt,
        assigneeId,
        source: { automation: s.automationId, runId: s.runId },
        createdBy: null,
        now: s.now,
      });
      return { taskId: task.id, assigneeId, dueAt: plan.dueAt?.toISOString() ?? null };
    }
    case 'in-app': {
      const users = await recipients(tx, s, plan.to, plan.role);
      for (const userId of users)
        await notifyUser(
          tx,
          {
            tenantId,
            userId,
            kind: 'automation.notify',
            title: plan.title,
            body: plan.body,
            object: s.record.object,
            recordId: s.record.id,
            data: { automation: s.automationId, runId: s.runId },
          },
          s.now,
        );
      return { notified: users };
    }
    case 'deliver':
      return deliver(tx, s, plan);
    case 'enroll': {
      const outcome = await enrollInNurture(tx, s.published, {
        recordId: s.record.id,
        nurtureId: plan.nurture,
        now: s.now,
        cause: { by: 'automation', automationId: s.automationId, runId: s.runId },
      });
      return outcome;
    }
    case 'unenroll':
      return unenrollFromNurture(tx, s.published, {
        recordId: s.record.id,
        nurtureId: plan.nurture,
        now: s.now,
        reason: `automation ${s.automationId}`,
      });
    case 'list': {
      await tx.query(
        `INSERT INTO lists (tenant_id, id, object, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [tenantId, plan.list, s.record.object, s.now],
      );
      const { rowCount } = await tx.query(
        `INSERT INTO list_members (tenant_id, list_id, record_id, added_at, added_by) VALUES ($1, $2, $3, $4, $5::jsonb)
         ON CONFLICT DO NOTHING`,
        [tenantId, plan.list, s.record.id, s.now, JSON.stringify({ automation: s.automationId, runId: s.runId })],
      );
      return { list: plan.list, added: rowCount === 1 };
    }
    case 'approval': {
      const approval = await requestApproval(tx, {
        tenantId,
        record: { id: s.record.id, object: s.record.object, ownerId: s.record.ownerId },
        policy: { role: plan.role, ownerManager: plan.role === null },
        subject: { kind: 'action', action: { automation: s.automationId, runId: s.runId }, summary: plan.reason },
        requestedBy: null,
        now: s.now,
      });
      return { approvalId: approval.id };
    }
    case 'convert': {
      const { converted } = await convertInTx(tx, s.published.app, {
        tenantId,
        object: s.record.object,
        recordId: s.record.id,
        request: { include: new Set(), overrides: {} },
        actorId: null,
        scope: { kind: 'all' },
        now: s.now,
      });
      return { converted: converted.targets };
    }
    case 'wait':
      return { until: plan.until.toISOString() };
    case 'error':
      throw new LeadforgeError('INVALID', plan.message);
  }
}
