import { randomUUID } from 'node:crypto';
import type { SqlTransaction } from '@leadforge/engine';
import type { PublishedApp } from '../apps/appRegistry.js';
import type { RuntimeContext } from '../context.js';
import { drainPendingScoring } from './pendingScoring.js';
import { rescoreRecords } from './rescoreRecords.js';
import { type ScoringModelEntry, scoringOf } from './scoringModels.js';

export type ScoringRunStatus = 'running' | 'done' | 'superseded';

/** Id-range slices per run: random uuids spread evenly over them, so workers share a run. */
export const RUN_SLICES = 4;

export interface ScoringRun {
  readonly id: string;
  readonly model: string;
  readonly object: string;
  readonly appVersion: number;
  readonly modelHash: string;
  readonly kind: 'publish' | 'decay';
  readonly status: ScoringRunStatus;
  readonly total: number;
  readonly processed: number;
  readonly changed: number;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
}

interface SliceRow {
  run_id: string;
  slice: number;
  range_from: string | null;
  range_to: string | null;
  cursor: string | null;
  model: string;
  object: string;
  app_version: number;
  model_hash: string;
}

/** [from, to) bounds of slice i of n over the uuid space (by the first hex digit; null = open). */
function sliceBounds(i: number, n: number): [string | null, string | null] {
  const bound = (k: number) =>
    k <= 0 || k >= n ? null : `${Math.floor((k * 16) / n).toString(16)}0000000-0000-0000-0000-000000000000`;
  return [bound(i), bound(i + 1)];
}

async function supersede(tx: SqlTransaction, tenantId: string, where: string, params: unknown[], now: Date) {
  await tx.query(
    `UPDATE scoring_runs SET status = 'superseded', updated_at = $2, finished_at = $2
      WHERE tenant_id = $1 AND status = 'running' AND ${where}`,
    [tenantId, now, ...params],
  );
}

async function insertRun(
  tx: SqlTransaction,
  published: PublishedApp,
  model: ScoringModelEntry,
  kind: 'publish' | 'decay',
  now: Date,
): Promise<string | null> {
  const runId = randomUUID();
  const inserted = await tx.query(
    `INSERT INTO scoring_runs (tenant_id, id, model, object, app_version, model_hash, kind, status, total, started_at, updated_at)
     SELECT $1, $2, $3, $4, $5, $6, $7, 'running',
            (SELECT count(*) FROM records WHERE tenant_id = $1 AND object = $4 AND deleted_at IS NULL), $8, $8
     ON CONFLICT (tenant_id, model, app_version) WHERE kind = 'publish' DO NOTHING`,
    [published.tenantId, runId, model.id, model.object, published.version, model.hash, kind, now],
  );
  if (inserted.rowCount !== 1) return null;
  const slices = Array.from({ length: RUN_SLICES }, (_, i) => sliceBounds(i, RUN_SLICES));
  await tx.query(
    `INSERT INTO scoring_run_slices (tenant_id, run_id, slice, range_from, range_to)
     SELECT $1, $2, s.i - 1, s.f, s.t FROM unnest($3::uuid[], $4::uuid[]) WITH ORDINALITY AS s(f, t, i)`,
    [published.tenantId, runId, slices.map((b) => b[0]), slices.map((b) => b[1])],
  );
  return runId;
}

/** How often silent leads are rescored so decay shows without an event. */
export const DECAY_SWEEP_MS = 24 * 3600_000;

/**
 * Decay only shows when a lead is rescored, and a silent lead has no event to trigger it: once a
 * day (by the runtime's clock) each model that decays gets a sweep run over its object, unless a
 * run of that model is still going. Answers the runs started.
 */
export async function startDecaySweeps(ctx: RuntimeContext, published: PublishedApp): Promise<string[]> {
  const now = ctx.clock.now();
  const started: string[] = [];
  for (const model of scoringOf(published.app).models) {
    if (!model.compiled.decay) continue;
    const id = await ctx.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`decay-sweep:${published.tenantId}:${model.id}`]);
      const { rows } = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM scoring_runs WHERE tenant_id = $1 AND model = $2
            AND (status = 'running' OR (kind = 'decay' AND started_at > $3))`,
        [published.tenantId, model.id, new Date(now.getTime() - DECAY_SWEEP_MS)],
      );
      return (rows[0]?.n ?? 0) > 0 ? null : insertRun(tx, published, model, 'decay', now);
    });
    if (id) started.push(id);
  }
  return started;
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
        `SELECT model_hash FROM scoring_runs WHERE tenant_id = $1 AND model = $2 AND kind = 'publish'
          ORDER BY app_version DESC LIMIT 1`,
        [tenantId, model.id],
      );
      if (rows[0]?.model_hash === model.hash) return null;
      await supersede(tx, tenantId, 'model = $3', [model.id], now);
      return insertRun(tx, published, model, 'publish', now);
    });
    if (id) started.push(id);
  }
  return started;
}

export interface DrainOptions {
  /** Records per transaction (default 1,000): short transactions, so capture never waits long. */
  readonly batchSize?: number;
  /** Stop after this many batches in all (a worker's time slice; tests use it to stop "mid-run"). */
  readonly maxBatches?: number;
  /** Batches in flight at once, each on its own connection and slice (default RUN_SLICES). */
  readonly concurrency?: number;
}

/**
 * One batch of one slice, in one transaction: the slice row is locked (SKIP LOCKED, so workers and
 * processes share the work), the next records after its persisted cursor are rescored from scratch
 * for the run's model, and the cursor advances in the same commit. A crash loses at most the batch
 * in flight, which the next drain redoes with the same result. False when no slice is left.
 */
async function drainOneBatch(ctx: RuntimeContext, tenantId: string, batchSize: number): Promise<boolean> {
  const published = await ctx.apps.current(tenantId);
  if (!published) return false;
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    // A batch's commit need not wait for the WAL flush: a crash can lose the last few batches, cursor
    // and all (one transaction), and the next drain redoes them with the same result.
    await tx.query('SET LOCAL synchronous_commit = off');
    const { rows } = await tx.query<SliceRow>(
      `SELECT s.run_id, s.slice, s.range_from, s.range_to, s.cursor, r.model, r.object, r.app_version, r.model_hash
         FROM scoring_run_slices s JOIN scoring_runs r ON r.tenant_id = s.tenant_id AND r.id = s.run_id
        WHERE s.tenant_id = $1 AND NOT s.done AND r.status = 'running'
        ORDER BY r.started_at, r.id, s.slice LIMIT 1 FOR UPDATE OF s SKIP LOCKED`,
      [tenantId],
    );
    const slice = rows[0];
    if (!slice) return false;
    const current = scoringOf(published.app).models.find((m) => m.id === slice.model);
    if (slice.app_version > published.version || current?.hash !== slice.model_hash) {
      // a newer publish changed (or dropped) the model: its own run, if any, recomputes everything
      await supersede(tx, tenantId, 'id = $3', [slice.run_id], now);
      return true;
    }
    const outcome = await rescoreRecords(
      tx,
      published,
      tenantId,
      { object: slice.object, from: slice.range_from, to: slice.range_to, after: slice.cursor, limit: batchSize },
      now,
      { run: slice.run_id, model: slice.model, appVersion: slice.app_version, modelHash: slice.model_hash },
      { models: [slice.model] },
    );
    await tx.query(
      `UPDATE scoring_run_slices SET cursor = COALESCE($4, cursor), processed = processed + $5, changed = changed + $6,
              done = $4 IS NULL, updated_at = $7
        WHERE tenant_id = $1 AND run_id = $2 AND slice = $3`,
      [tenantId, slice.run_id, slice.slice, outcome.last, outcome.scored, outcome.changed, now],
    );
    // The run's own row is written only when a slice finishes (progress lives on the slices), so
    // parallel batches of one run do not queue on it.
    if (outcome.last === null) {
      // two slices finishing at once: the second waits here, and its next statement sees the first's commit
      await tx.query('SELECT 1 FROM scoring_runs WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [
        tenantId,
        slice.run_id,
      ]);
      await tx.query(
        `UPDATE scoring_runs SET updated_at = $3,
                status = CASE WHEN NOT EXISTS (SELECT 1 FROM scoring_run_slices
                           WHERE tenant_id = $1 AND run_id = $2 AND NOT done) THEN 'done' ELSE status END,
                finished_at = CASE WHEN NOT EXISTS (SELECT 1 FROM scoring_run_slices
                           WHERE tenant_id = $1 AND run_id = $2 AND NOT done) THEN $3 ELSE finished_at END
          WHERE tenant_id = $1 AND id = $2`,
        [tenantId, slice.run_id, now],
      );
    }
    return true;
  });
}

/**
 * Works through the tenant's running rescoring runs, `concurrency` batches at a time, until none
 * is left (or `maxBatches` are done). Answers the number of batches done.
 */
export async function drainScoringRuns(
  ctx: RuntimeContext,
  tenantId: string,
  options: DrainOptions = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 1_000;
  const max = options.maxBatches ?? Number.POSITIVE_INFINITY;
  let batches = 0;
  const worker = async () => {
    while (batches < max) {
      batches += 1;
      if (!(await drainOneBatch(ctx, tenantId, batchSize))) {
        batches -= 1;
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? RUN_SLICES }, worker));
  return batches;
}

/** The tenant's rescoring runs, newest first, with their progress. */
export async function listScoringRuns(ctx: RuntimeContext, tenantId: string): Promise<ScoringRun[]> {
  const { rows } = await ctx.db.query<{
    id: string;
    model: string;
    object: string;
    app_version: number;
    model_hash: string;
    kind: 'publish' | 'decay';
    status: ScoringRunStatus;
    total: number;
    processed: number;
    changed: number;
    started_at: Date;
    updated_at: Date;
    finished_at: Date | null;
  }>(
    `SELECT r.*, GREATEST(r.updated_at, s.updated_at) AS updated_at,
            COALESCE(s.processed, 0)::int AS processed, COALESCE(s.changed, 0)::int AS changed
       FROM scoring_runs r
       LEFT JOIN (SELECT run_id, sum(processed) AS processed, sum(changed) AS changed, max(updated_at) AS updated_at
                    FROM scoring_run_slices WHERE tenant_id = $1 GROUP BY run_id) s ON s.run_id = r.id
      WHERE r.tenant_id = $1 ORDER BY r.started_at DESC, r.app_version DESC, r.model LIMIT 200`,
    [tenantId],
  );
  return rows.map((r) => ({
    id: r.id,
    model: r.model,
    object: r.object,
    appVersion: r.app_version,
    modelHash: r.model_hash,
    kind: r.kind,
    status: r.status,
    total: r.total,
    processed: r.processed,
    changed: r.changed,
    startedAt: r.started_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
  }));
}

/**
 * For `leadforge start`: starts the daily decay sweeps, rescores records whose scoring after a capture failed,
 * and drains every tenant's runs every `intervalMs`; answers a stop function.
 */
export function startScoringWorker(ctx: RuntimeContext, intervalMs = 2_000, log: (m: string) => void = console.error) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      const { rows } = await ctx.db.query<{ tenant_id: string }>('SELECT tenant_id FROM app_current');
      for (const { tenant_id } of rows) {
        if (stopped) break;
        const published = await ctx.apps.current(tenant_id);
        if (published) await startDecaySweeps(ctx, published);
        await drainPendingScoring(ctx, tenant_id);
        await drainScoringRuns(ctx, tenant_id, { maxBatches: 200 });
      }
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
