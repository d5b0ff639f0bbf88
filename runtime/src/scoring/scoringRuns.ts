import { randomUUID } from 'node:crypto';
import type { PublishedApp } from '../apps/appRegistry.js';
import type { RuntimeContext } from '../context.js';
import { rescoreRecords } from './rescoreRecords.js';
import { scoringOf } from './scoringModels.js';

export type ScoringRunStatus = 'running' | 'done' | 'superseded';

export interface ScoringRun {
  readonly id: string;
  readonly model: string;
  readonly object: string;
  readonly appVersion: number;
  readonly modelHash: string;
  readonly status: ScoringRunStatus;
  readonly total: number;
  readonly processed: number;
  readonly changed: number;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
}

interface RunRow {
  id: string;
  model: string;
  object: string;
  app_version: number;
  model_hash: string;
  status: ScoringRunStatus;
  cursor: string | null;
  total: number;
  processed: number;
  changed: number;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

/**
 * After a publish: one rescoring run per model whose definition differs from the model of the
 * tenant's latest run (a new model, a changed one, or a change back to an older one). Runs of an
 * older version still going are superseded: the new run recomputes every record anyway.
 */
export async function startScoringRuns(ctx: RuntimeContext, published: PublishedApp): Promise<string[]> {
  const tenantId = published.tenantId;
  const now = ctx.clock.now();
  const started: string[] = [];
  for (const model of scoringOf(published.app).models) {
    const id = await ctx.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ model_hash: string }>(
        `SELECT model_hash FROM scoring_runs WHERE tenant_id = $1 AND model = $2 ORDER BY app_version DESC LIMIT 1`,
        [tenantId, model.id],
      );
      if (rows[0]?.model_hash === model.hash) return null;
      await tx.query(
        `UPDATE scoring_runs SET status = 'superseded', updated_at = $3, finished_at = $3
          WHERE tenant_id = $1 AND model = $2 AND status = 'running'`,
        [tenantId, model.id, now],
      );
      const runId = randomUUID();
      const inserted = await tx.query(
        `INSERT INTO scoring_runs (tenant_id, id, model, object, app_version, model_hash, status, total, started_at, updated_at)
         SELECT $1, $2, $3, $4, $5, $6, 'running',
                (SELECT count(*) FROM records WHERE tenant_id = $1 AND object = $4 AND deleted_at IS NULL), $7, $7
         ON CONFLICT (tenant_id, model, app_version) DO NOTHING`,
        [tenantId, runId, model.id, model.object, published.version, model.hash, now],
      );
      return inserted.rowCount === 1 ? runId : null;
    });
    if (id) started.push(id);
  }
  return started;
}

export interface DrainOptions {
  /** Records per transaction (default 500): short transactions, so capture never waits long. */
  readonly batchSize?: number;
  /** Stop after this many batches (a worker's time slice; tests use it to stop "mid-run"). */
  readonly maxBatches?: number;
}

/**
 * Works through the tenant's running rescoring runs, one batch per transaction: the run row is
 * locked (SKIP LOCKED, so several workers share the work), the next records after the persisted
 * cursor are rescored from scratch for that model, and the cursor advances in the same commit. A
 * crash loses at most the batch in flight, which the next drain redoes with the same result.
 * Answers the number of batches done.
 */
export async function drainScoringRuns(
  ctx: RuntimeContext,
  tenantId: string,
  options: DrainOptions = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  let batches = 0;
  while (options.maxBatches === undefined || batches < options.maxBatches) {
    const published = await ctx.apps.current(tenantId);
    if (!published) return batches;
    const more = await ctx.db.transaction(async (tx) => {
      const { rows } = await tx.query<RunRow>(
        `SELECT * FROM scoring_runs WHERE tenant_id = $1 AND status = 'running'
          ORDER BY started_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [tenantId],
      );
      const run = rows[0];
      if (!run) return false;
      const now = ctx.clock.now();
      if (run.app_version !== published.version) {
        const still = scoringOf(published.app).models.find((m) => m.id === run.model);
        if (still?.hash !== run.model_hash || published.version < run.app_version) {
          await tx.query(
            `UPDATE scoring_runs SET status = 'superseded', updated_at = $3, finished_at = $3 WHERE tenant_id = $1 AND id = $2`,
            [tenantId, run.id, now],
          );
          return true;
        }
      }
      const ids = await tx.query<{ id: string }>(
        `SELECT id FROM records WHERE tenant_id = $1 AND object = $2 AND deleted_at IS NULL
            AND ($3::uuid IS NULL OR id > $3::uuid) ORDER BY id LIMIT $4`,
        [tenantId, run.object, run.cursor, batchSize],
      );
      if (ids.rows.length === 0) {
        await tx.query(
          `UPDATE scoring_runs SET status = 'done', updated_at = $3, finished_at = $3 WHERE tenant_id = $1 AND id = $2`,
          [tenantId, run.id, now],
        );
        return true;
      }
      const recordIds = ids.rows.map((r) => r.id);
      const outcome = await rescoreRecords(
        tx,
        published,
        tenantId,
        recordIds,
        now,
        { run: run.id, model: run.model, appVersion: run.app_version, modelHash: run.model_hash },
        { models: [run.model] },
      );
      await tx.query(
        `UPDATE scoring_runs SET cursor = $3, processed = processed + $4, changed = changed + $5, updated_at = $6
          WHERE tenant_id = $1 AND id = $2`,
        [tenantId, run.id, recordIds.at(-1), recordIds.length, outcome.changed, now],
      );
      return true;
    });
    if (!more) return batches;
    batches += 1;
  }
  return batches;
}

/** The tenant's rescoring runs, newest first, with their progress. */
export async function listScoringRuns(ctx: RuntimeContext, tenantId: string): Promise<ScoringRun[]> {
  const { rows } = await ctx.db.query<RunRow>(
    'SELECT * FROM scoring_runs WHERE tenant_id = $1 ORDER BY started_at DESC, app_version DESC, model LIMIT 200',
    [tenantId],
  );
  return rows.map((r) => ({
    id: r.id,
    model: r.model,
    object: r.object,
    appVersion: r.app_version,
    modelHash: r.model_hash,
    status: r.status,
    total: r.total,
    processed: r.processed,
    changed: r.changed,
    startedAt: r.started_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
  }));
}

/** For `leadforge start`: drains every tenant's runs every `intervalMs`; answers a stop function. */
export function startScoringWorker(ctx: RuntimeContext, intervalMs = 2_000, log: (m: string) => void = console.error) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      const { rows } = await ctx.db.query<{ tenant_id: string }>(
        `SELECT DISTINCT tenant_id FROM scoring_runs WHERE status = 'running'`,
      );
      for (const { tenant_id } of rows) if (!stopped) await drainScoringRuns(ctx, tenant_id, { maxBatches: 200 });
    } catch (err) {
      log(`scoring runs: ${(err as Error).message}`);
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, 0);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
