import { randomUUID } from 'node:crypto';
import { type CompiledApp, type CompiledObject, LeadforgeError } from '@leadforge/engine';
import { type ImportMapping, type ImportRowError, mapImportColumns } from '../../../../engine/src/capture/index.js';
import { isAdmin } from '../../access/permissions.js';
import type { Actor } from '../../access/types.js';
import type { RuntimeContext } from '../../context.js';
import { UUID } from '../../records/recordInput.js';
import { withCaptureRetry } from '../retry.js';
import { type CsvFile, type CsvRow, csvFileOrThrow, csvRows } from './csvFile.js';
import { dryRunBatch, type ImportWho, type PreparedBatch, prepareBatch, writeBatch } from './importBatch.js';
import {
  advanceRun,
  analyzeRecordsIfStale,
  claimRun,
  finishRun,
  type ImportRun,
  insertRun,
  loadRun,
  lockRunCursor,
  noteRunError,
  releaseRun,
  runFile,
  stalledRuns,
} from './importStore.js';

/** Rows written per transaction: one lookup, one multi-row insert, one cursor move per batch. */
export const IMPORT_BATCH_ROWS = 1000;
/** Row errors kept on a run (and answered by a dry run); the counts stay exact past it. */
export const IMPORT_ERRORS_MAX = 1000;
/** How long a process holds a run without moving its cursor before another may take it up. */
export const IMPORT_LEASE_MS = 2 * 60_000;

/** Who imports, into which tenant, and the fields their role may not set. */
export interface ImportSubject extends ImportWho {
  readonly tenantId: string;
  readonly unwritable: ReadonlySet<string>;
}

export interface ImportRequest {
  readonly object: string;
  /** Column → field (`''` skips the column); columns not named here map by field name or label. */
  readonly map?: Readonly<Record<string, string>>;
  readonly fileName?: string;
}

/** A file checked against the object and its mapping: ready to dry-run or to store as a run. */
export interface CheckedImport {
  readonly app: CompiledApp;
  readonly object: CompiledObject;
  readonly file: CsvFile;
  readonly mapping: ImportMapping;
}

/** What a dry run answers: counts over every row and the first row errors; nothing is written. */
export interface DryRunReport {
  readonly dryRun: true;
  readonly object: string;
  readonly totalRows: number;
  readonly wouldCreate: number;
  readonly wouldMerge: number;
  readonly invalid: number;
  readonly errors: readonly ImportRowError[];
  readonly errorsTruncated: boolean;
  readonly mapping: Readonly<Record<string, string | null>>;
  readonly unmappedColumns: readonly string[];
}

/** A run as the API and the CLI show it. */
export interface ImportProgress {
  readonly id: string;
  readonly object: string;
  readonly status: ImportRun['status'];
  readonly fileName: string | null;
  readonly totalRows: number;
  readonly rowsDone: number;
  readonly created: number;
  readonly merged: number;
  readonly failed: number;
  readonly errors: readonly ImportRowError[];
  readonly errorsTruncated: boolean;
  readonly mapping: Readonly<Record<string, string | null>>;
  readonly unmappedColumns: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
  readonly lastError: string | null;
}

const mappingView = (m: ImportMapping) => Object.fromEntries(m.columns.map((c, i) => [c, m.fields[i] ?? null]));

export function importProgressOf(run: ImportRun): ImportProgress {
  return {
    id: run.id,
    object: run.object,
    status: run.status,
    fileName: run.fileName,
    totalRows: run.totalRows,
    rowsDone: run.rowsDone,
    created: run.created,
    merged: run.merged,
    failed: run.failed,
    errors: run.errors,
    errorsTruncated: run.errors.length < run.failed,
    mapping: mappingView(run.mapping),
    unmappedColumns: run.mapping.unmapped,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    finishedAt: run.finishedAt,
    lastError: run.lastError,
  };
}

/** One progress line (the CLI prints it after each batch). */
export function progressLine(p: Pick<ImportProgress, 'rowsDone' | 'totalRows' | 'created' | 'merged' | 'failed'>) {
  const pct = p.totalRows === 0 ? 100 : Math.floor((p.rowsDone / p.totalRows) * 100);
  return `imported ${p.rowsDone}/${p.totalRows} rows (${pct}%): ${p.created} created, ${p.merged} merged, ${p.failed} failed`;
}

/**
 * Checks a file for an import before anything is stored: the object exists, the file passes the
 * whole-file checks (size, UTF-8, CSV, header, row cap), the mapping names known, importable
 * fields, and the subject's role may set every mapped field.
 */
export async function checkImportOrThrow(
  ctx: RuntimeContext,
  subject: ImportSubject,
  request: ImportRequest,
  bytes: Uint8Array,
): Promise<CheckedImport> {
  const published = await ctx.apps.current(subject.tenantId);
  if (!published) throw new LeadforgeError('NOT_FOUND', 'no app is published yet');
  const { app } = published;
  const object = Object.hasOwn(app.objects, request.object) ? app.objects[request.object] : undefined;
  if (!object)
    throw new LeadforgeError('NOT_FOUND', `unknown object "${request.object}"`, [
      { path: '/object', message: `must be one of: ${Object.keys(app.objects).join(', ')}` },
    ]);
  const file = await csvFileOrThrow(bytes, { maxBytes: ctx.config.importMaxBytes, maxRows: ctx.config.importMaxRows });
  const { mapping, problems } = mapImportColumns(object, file.header, request.map ?? {});
  if (problems.length > 0) throw new LeadforgeError('INVALID', 'the column mapping has problems', problems);
  const refused = mapping.fields.filter((f): f is string => f !== null && subject.unwritable.has(f));
  if (refused.length > 0)
    throw new LeadforgeError(
      'FORBIDDEN',
      'your role may not set some of the mapped fields',
      refused.map((f) => ({
        path: `/map/${mapping.columns[mapping.fields.indexOf(f)]}`,
        message: `your role may not set "${f}"`,
      })),
    );
  return { app, object, file, mapping };
}

/** Batches of rows from a file's text, from the row after `from`. */
async function* batchesOf(text: string, from: number): AsyncGenerator<CsvRow[]> {
  let batch: CsvRow[] = [];
  for await (const row of csvRows(text, from)) {
    batch.push(row);
    if (batch.length === IMPORT_BATCH_ROWS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Validates every row and counts what the import would do (create, merge into a stored record or
 * an earlier row of the file, invalid), with the first row errors. Reads only.
 */
export async function dryRunImport(
  ctx: RuntimeContext,
  subject: ImportSubject,
  checked: CheckedImport,
): Promise<DryRunReport> {
  const { app, object, file, mapping } = checked;
  await analyzeRecordsIfStale(ctx.db, 0);
  const seen = new Set<string>();
  const errors: ImportRowError[] = [];
  let wouldCreate = 0;
  let wouldMerge = 0;
  let invalid = 0;
  for await (const rows of batchesOf(file.text, 0)) {
    const batch = prepareBatch(app, object, mapping, rows);
    const counted = await dryRunBatch(ctx.db, subject.tenantId, app, object, batch, seen);
    wouldCreate += counted.created;
    wouldMerge += counted.merged;
    invalid += batch.failed;
    errors.push(...batch.errors.slice(0, IMPORT_ERRORS_MAX - errors.length));
  }
  return {
    dryRun: true,
    object: object.name,
    totalRows: file.rowCount,
    wouldCreate,
    wouldMerge,
    invalid,
    errors,
    errorsTruncated: errors.length < invalid,
    mapping: mappingView(mapping),
    unmappedColumns: mapping.unmapped,
  };
}

/** Stores a checked import as a run (with its file), leased to the caller, who works it next (runImport). */
export async function createImportRun(
  ctx: RuntimeContext,
  subject: ImportSubject,
  checked: CheckedImport,
  fileName?: string,
): Promise<ImportRun> {
  const now = ctx.clock.now();
  const id = randomUUID();
  await insertRun(
    ctx.db,
    {
      tenantId: subject.tenantId,
      id,
      object: checked.object.name,
      fileName: fileName ?? null,
      fileHash: checked.file.hash,
      mapping: checked.mapping,
      totalRows: checked.file.rowCount,
      actorId: subject.actorId,
      ownerId: subject.ownerId,
      teamId: subject.teamId,
      at: now,
      leaseUntil: new Date(now.getTime() + IMPORT_LEASE_MS),
    },
    checked.file.text,
  );
  return (await loadRun(ctx.db, subject.tenantId, id))!;
}

/** Another process moved the run's cursor (it took the run up after our lease ran out): stop. */
class ImportFenced extends Error {}

export interface RunOptions {
  /** Called after each batch commits, with the run's progress. */
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Stop after this many batches, leaving the run leased and unfinished (tests simulate a crash with it). */
  readonly stopAfterBatches?: number;
}

/**
 * Works a run the caller holds the lease of, from its cursor to the end: each batch is prepared
 * (pure), then written in one transaction that also moves the cursor, so a crash loses no row
 * and writes none twice. The next batch is parsed and prepared while the previous one writes.
 * Answers the run as it ends (done, or still running when stopped early).
 */
export async function runImport(ctx: RuntimeContext, run: ImportRun, options: RunOptions = {}): Promise<ImportRun> {
  const { tenantId, id } = run;
  const text = await runFile(ctx.db, tenantId, id);
  const published = await ctx.apps.current(tenantId);
  const object =
    published && Object.hasOwn(published.app.objects, run.object) ? published.app.objects[run.object] : undefined;
  if (text === undefined || !published || !object) {
    await finishRun(
      ctx.db,
      tenantId,
      id,
      ctx.clock.now(),
      text === undefined ? 'the file is gone' : `no object "${run.object}"`,
    );
    return (await loadRun(ctx.db, tenantId, id))!;
  }
  const who: ImportWho = { actorId: run.actorId, ownerId: run.ownerId, teamId: run.teamId };
  let progress = importProgressOf(run);
  let cursor = run.rowsDone;
  let batches = 0;
  const write = async (batch: PreparedBatch) => {
    const outcome = await withCaptureRetry(() =>
      ctx.db.transaction(async (tx) => {
        const fence = await lockRunCursor(tx, tenantId, id);
        if (fence?.status !== 'running' || fence.rowsDone !== cursor) throw new ImportFenced();
        const written = await writeBatch(ctx, tx, published, object, batch, who);
        const now = ctx.clock.now();
        await advanceRun(tx, tenantId, id, {
          rowsDone: batch.lastRow,
          created: written.created,
          merged: written.merged,
          failed: batch.failed,
          errors: batch.errors.slice(0, Math.max(0, IMPORT_ERRORS_MAX - fence.errorsStored)),
          at: now,
          leaseUntil: new Date(now.getTime() + IMPORT_LEASE_MS),
        });
        return written;
      }),
    );
    cursor = batch.lastRow;
    batches += 1;
    progress = {
      ...progress,
      rowsDone: cursor,
      created: progress.created + outcome.created,
      merged: progress.merged + outcome.merged,
      failed: progress.failed + batch.failed,
    };
    options.onProgress?.(progress);
  };
  let createdAtAnalyze = progress.created;
  try {
    let pending: Promise<void> | undefined;
    for await (const rows of batchesOf(text, cursor)) {
      const batch = prepareBatch(published.app, object, run.mapping, rows, {
        published,
        who,
        at: ctx.clock.now(),
      });
      await pending;
      if (await analyzeRecordsIfStale(ctx.db, progress.created - createdAtAnalyze)) createdAtAnalyze = progress.created;
      if (options.stopAfterBatches !== undefined && batches >= options.stopAfterBatches)
        return (await loadRun(ctx.db, tenantId, id))!;
      if (stopping.has(ctx)) {
        // a graceful stop: free the lease so the next process takes the run up at once
        await releaseRun(ctx.db, tenantId, id);
        return (await loadRun(ctx.db, tenantId, id))!;
      }
      pending = write(batch);
    }
    await pending;
  } catch (err) {
    if (err instanceof ImportFenced) return (await loadRun(ctx.db, tenantId, id))!;
    // shown on the run; it stays running and is taken up again from its cursor once its lease runs out
    await noteRunError(ctx.db, tenantId, id, (err as Error).message).catch(() => undefined);
    throw err;
  }
  await finishRun(ctx.db, tenantId, id, ctx.clock.now());
  return (await loadRun(ctx.db, tenantId, id))!;
}

/** Runtimes shutting down: their runs stop after the batch in hand. */
const stopping = new WeakSet<RuntimeContext>();

/** Runs being worked in this process, per runtime (tests and shutdown wait for them). */
const working = new WeakMap<RuntimeContext, Map<string, Promise<void>>>();

function workOn(ctx: RuntimeContext, key: string, task: () => Promise<unknown>, log: (m: string) => void): void {
  const mine = working.get(ctx) ?? new Map<string, Promise<void>>();
  working.set(ctx, mine);
  if (mine.has(key)) return;
  const done = task()
    .then(() => undefined)
    .catch((err: Error) => log(`import ${key}: ${err.message} (it resumes from its cursor once its lease runs out)`))
    .finally(() => mine.delete(key));
  mine.set(key, done);
}

/** Works a run in the background of this process (the HTTP API answers 202 at once). */
export function workInBackground(ctx: RuntimeContext, run: ImportRun, log: (m: string) => void = console.error): void {
  workOn(ctx, `${run.tenantId}/${run.id}`, () => runImport(ctx, run), log);
}

/** Takes up a run left by a crashed process (its lease ran out) and works it in the background. */
export async function resumeImport(
  ctx: RuntimeContext,
  tenantId: string,
  id: string,
  log: (m: string) => void = console.error,
): Promise<boolean> {
  const now = ctx.clock.now();
  const run = await claimRun(ctx.db, tenantId, id, now, new Date(now.getTime() + IMPORT_LEASE_MS));
  if (run) workInBackground(ctx, run, log);
  return run !== undefined;
}

/** Takes up every stalled run (the worker loop of `leadforge start` calls it); answers how many. */
export async function resumeStalledImports(
  ctx: RuntimeContext,
  log: (m: string) => void = console.error,
): Promise<number> {
  let taken = 0;
  for (const run of await stalledRuns(ctx.db, ctx.clock.now())) {
    if (await resumeImport(ctx, run.tenantId, run.id, log)) taken += 1;
  }
  return taken;
}

/** Resolves when every run this process works has stopped (finished, fenced or failed). */
export async function importsSettled(ctx: RuntimeContext): Promise<void> {
  for (;;) {
    const mine = [...(working.get(ctx)?.values() ?? [])];
    if (mine.length === 0) return;
    await Promise.all(mine);
  }
}

/** The worker loop: every `intervalMs`, take up stalled runs. Answers a stop function that waits for work in hand. */
export function startImportWorker(
  ctx: RuntimeContext,
  intervalMs = 5_000,
  log: (m: string) => void = console.error,
): () => Promise<void> {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await resumeStalledImports(ctx, log);
    } catch (err) {
      log(`import worker: ${(err as Error).message}`);
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    stopping.add(ctx);
    await importsSettled(ctx);
  };
}

/**
 * A run's progress for the API: the run must be the caller's own (or the caller an admin). A run
 * left by a crash (running past its lease) is taken up again by this request.
 */
export async function importProgressFor(ctx: RuntimeContext, viewer: Actor, id: string): Promise<ImportProgress> {
  const { tenantId } = viewer;
  const admin = isAdmin((await ctx.apps.current(tenantId))?.app ?? null, viewer);
  const run = UUID.test(id) ? await loadRun(ctx.db, tenantId, id) : undefined;
  if (!run || (!admin && run.actorId !== viewer.userId))
    throw new LeadforgeError('NOT_FOUND', 'no such import', [{ path: '/id', message: 'is not an import of yours' }]);
  if (run.status === 'running' && run.leaseUntil !== null && new Date(run.leaseUntil) <= ctx.clock.now())
    await resumeImport(ctx, tenantId, id);
  return importProgressOf(run);
}
