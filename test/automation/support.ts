import { randomUUID } from 'node:crypto';
import type { AppPackage } from '@leadforge/engine';
import { publishPackage } from '../../runtime/src/apps/publish.js';
import { DEFAULT_TENANT, templateFolder } from '../../runtime/src/boot.js';
import { jobHandlersForContext } from '../../runtime/src/jobs/jobHandlers.js';
import { createJobWorker, type JobWorker } from '../../runtime/src/jobs/jobWorker.js';
import { readPackageFolder } from '../../runtime/src/package/index.js';
import type { TestRuntime } from '../support/testRuntime.js';

/** Publishes the b2b-saas sample plus these automations (file name = id). */
export async function publishWithAutomations(rt: TestRuntime, automations: readonly Record<string, unknown>[]) {
  const { pkg } = await readPackageFolder(templateFolder('b2b-saas'));
  const files: Record<string, unknown> = { ...pkg.files };
  for (const a of automations) files[`automations/${String(a['id'])}.json`] = a;
  const next: AppPackage = { files };
  return publishPackage(rt.ctx, DEFAULT_TENANT, next, { actorId: null, note: 'automation test' });
}

/** The job worker with every kind `leadforge start` runs, on the test's clock. */
export function aWorker(rt: TestRuntime, workerId = `w-${randomUUID().slice(0, 6)}`): JobWorker {
  return createJobWorker({
    db: rt.ctx.db,
    clock: rt.ctx.clock,
    handlers: jobHandlersForContext(rt.ctx),
    workerId,
    // a failed job is retried at a time the test clock may never reach: say why, or the test only sees work missing
    onError: (error, job) =>
      console.warn(`job ${job?.kind ?? '?'} failed: ${error instanceof Error ? error.message : String(error)}`),
  });
}

export interface RunRow {
  automation: string;
  status: string;
  depth: number;
  reason: string | null;
  steps: { type: string; status: string; result?: Record<string, unknown>; error?: string }[];
  record_id: string;
}

export async function runsOf(rt: TestRuntime, automation: string): Promise<RunRow[]> {
  const { rows } = await rt.ctx.db.query<RunRow>(
    `SELECT automation, status, depth, reason, steps, record_id::text AS record_id FROM automation_runs
      WHERE automation = $1 ORDER BY created_at, depth`,
    [automation],
  );
  return rows;
}

export async function appendEvent(rt: TestRuntime, recordId: string, type: string, data: unknown = {}) {
  await rt.ctx.db.query(
    `INSERT INTO events (tenant_id, id, record_id, object, type, at, data) VALUES ($1, $2, $3, 'lead', $4, $5, $6)`,
    [DEFAULT_TENANT, randomUUID(), recordId, type, rt.ctx.clock.now(), JSON.stringify(data)],
  );
}
