import { randomUUID } from 'node:crypto';
import type { CompiledApp, CompiledObject, SqlExecutor, SqlTransaction } from '@leadforge/engine';
import {
  type CaptureCandidate,
  type ImportMapping,
  type ImportRowError,
  importRowErrors,
  importRowInput,
  type PreparedCapture,
  planPrepared,
  prepareCapture,
} from '../../../../engine/src/capture/index.js';
import { assertStorableData, withoutNulls } from '../../../../engine/src/store/storableData.js';
import type { PublishedApp } from '../../apps/appRegistry.js';
import type { RuntimeContext } from '../../context.js';
import { firstScoreRows } from '../../scoring/scoreNewRecord.js';
import { type CapturedRecord, markForScoring, scoreCaptured } from '../afterCapture.js';
import { captureInTx } from '../captureService.js';
import { lockNames } from '../captureStore.js';
import type { CsvRow } from './csvFile.js';
import {
  candidateKeys,
  findCandidates,
  type ImportCreate,
  insertImportedRecords,
  lockKeyValues,
  serialiseCreate,
} from './importStore.js';

/** Who an import writes as: the actor in history, and the owner and team of created records. */
export interface ImportWho {
  readonly actorId: string | null;
  readonly ownerId: string | null;
  readonly teamId: string | null;
}

/** A prepared row: its capture, and (for a real import) the record it creates when nothing matches it. */
export interface PreparedRow {
  readonly row: number;
  readonly prepared: PreparedCapture;
  /** Planned, scored and serialised off the write's critical path; absent when planning it threw. */
  readonly create?: ImportCreate;
}

/** A batch's rows after the pure step: the prepared captures in file order, and the rows that failed. */
export interface PreparedBatch {
  readonly lastRow: number;
  readonly rows: readonly PreparedRow[];
  readonly errors: readonly ImportRowError[];
  readonly failed: number;
  /** The time the creates were planned at: their created_at, touches, events and scores. */
  readonly at?: Date;
}

export interface BatchOutcome {
  readonly created: number;
  readonly merged: number;
}

/** What a real import's prepare step also does: plan each row's create as `who`, at `at`, with first scores. */
export interface CreatePlanning {
  readonly published: PublishedApp;
  readonly who: ImportWho;
  readonly at: Date;
}

/**
 * Validates and normalises a batch of rows through the capture path's pure step (no I/O). With
 * `planning` (a real import, not a dry run) each valid row's create is planned too (newRecord),
 * so the write only chooses between the planned create and a merge.
 */
export function prepareBatch(
  app: CompiledApp,
  object: CompiledObject,
  mapping: ImportMapping,
  rows: readonly CsvRow[],
  planning?: CreatePlanning,
): PreparedBatch {
  const ok: PreparedRow[] = [];
  const errors: ImportRowError[] = [];
  let failed = 0;
  for (const { row, cells } of rows) {
    if (cells.length > mapping.columns.length) {
      failed += 1;
      errors.push({ row, message: `has ${cells.length} cells; the header has ${mapping.columns.length} columns` });
      continue;
    }
    const prepared = prepareCapture(app, importRowInput(object, mapping, cells));
    if (prepared.ok) ok.push(planned(row, prepared.value, object, planning));
    else {
      failed += 1;
      errors.push(...importRowErrors(mapping, row, prepared.problems));
    }
  }
  return {
    lastRow: rows.at(-1)?.row ?? 0,
    rows: ok,
    errors,
    failed,
    ...(planning ? { at: planning.at } : {}),
  };
}

function planned(
  row: number,
  prepared: PreparedCapture,
  object: CompiledObject,
  planning: CreatePlanning | undefined,
): PreparedRow {
  if (!planning) return { row, prepared };
  try {
    return { row, prepared, create: newRecord(planning.published, object, prepared, planning.who, planning.at) };
  } catch {
    // planned again in the write, where the error fails the batch as it always did
    return { row, prepared };
  }
}

/**
 * Splits prepared rows into those that create a record and those that merge: a row merges when a
 * stored record holds one of its keys (one lookup for the batch) or an earlier row of `seen`
 * (the batch so far, or the whole file in a dry run) has one of them.
 */
async function classify(
  db: SqlExecutor,
  tenantId: string,
  app: CompiledApp,
  object: CompiledObject,
  batch: PreparedBatch,
  seen: Set<string>,
): Promise<{ creates: PreparedRow[]; merges: PreparedRow[] }> {
  const values = new Map<string, unknown[][]>();
  for (const { prepared } of batch.rows) {
    for (const probe of prepared.probes) {
      const key = probe.fields.join(',');
      const list = values.get(key) ?? [];
      list.push([...probe.values]);
      values.set(key, list);
    }
  }
  const candidates = await findCandidates(db, tenantId, object, values);
  const held = new Map<string, CaptureCandidate[]>();
  for (const c of candidates) {
    for (const key of candidateKeys(object, c.data, app.defaultCountry)) held.set(key, [...(held.get(key) ?? []), c]);
  }
  const creates: PreparedRow[] = [];
  const merges: PreparedRow[] = [];
  for (const entry of batch.rows) {
    const keys = entry.prepared.probes.map((p) => p.lockKey);
    const duplicate = keys.some((k) => held.has(k) || seen.has(k));
    for (const k of keys) seen.add(k);
    (duplicate ? merges : creates).push(entry);
  }
  return { creates, merges };
}

/** What a dry run counts for one batch: rows that would create and rows that would merge (nothing is written). */
export async function dryRunBatch(
  db: SqlExecutor,
  tenantId: string,
  app: CompiledApp,
  object: CompiledObject,
  batch: PreparedBatch,
  seenInFile: Set<string>,
): Promise<BatchOutcome> {
  const { creates, merges } = await classify(db, tenantId, app, object, batch, seenInFile);
  return { created: creates.length, merged: merges.length };
}

/**
 * A created row as the batch inserts it, with its first scores computed here (firstScoreRows): its
 * mirrored score and grade stored in its data, and its score rows written by the same statement.
 * When a model throws the record is written unscored (`scores` null) and scored with the merges
 * after the insert.
 */
function newRecord(
  published: PublishedApp,
  object: CompiledObject,
  prepared: PreparedCapture,
  who: ImportWho,
  now: Date,
): ImportCreate {
  const plan = planPrepared(prepared, [], now);
  if (plan.action !== 'create') throw new Error('an import row without candidates must plan a create');
  const data = withoutNulls({ ...plan.data });
  assertStorableData(data);
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) changes[key] = { from: null, to: value };
  if (who.ownerId !== null) changes['owner'] = { from: null, to: who.ownerId };
  if (who.teamId !== null) changes['team'] = { from: null, to: who.teamId };
  const events = plan.events.map((e) => ({ id: randomUUID(), type: e.type, data: e.data }));
  const id = randomUUID();
  const eventId = events[0]!.id;
  const cause = { eventId };
  // null: a model threw, the record is scored after the insert; no first result: the object has no model
  let first: ReturnType<typeof firstScoreRows> | undefined;
  try {
    first = firstScoreRows(
      published,
      {
        id,
        object: object.name,
        data,
        ownerId: who.ownerId,
        teamId: who.teamId,
        actorId: who.actorId,
        at: now,
        events: events.map((e) => ({ id: e.id, type: e.type, data: e.data as Record<string, unknown> })),
      },
      now,
      cause,
    );
  } catch {
    first = undefined;
  }
  return serialiseCreate({
    id,
    // the mirrored fields are readonly outputs: stored, but not listed in the record's own history
    data: first ? { ...data, ...first.mirrored } : data,
    attribution: plan.attribution,
    changes,
    events,
    scores: first === undefined ? null : (first?.rows ?? []),
    scoreCause: first ? cause : null,
  });
}

/**
 * Writes one batch inside the caller's transaction, through the capture path: the key locks of
 * every row (hash order, as single captures take them), one lookup, the new records with their
 * history, events and first scores in one multi-row statement, then each merge through the
 * per-record capture path (captureInTx), in file order; finally the merged records (and any
 * created one its scoring models could not score up front) are scored (scoreCaptured).
 */
export async function writeBatch(
  ctx: RuntimeContext,
  tx: SqlTransaction,
  published: PublishedApp,
  object: CompiledObject,
  batch: PreparedBatch,
  who: ImportWho,
): Promise<BatchOutcome> {
  const tenantId = published.tenantId;
  const now = batch.at ?? ctx.clock.now();
  await lockKeyValues(
    tx,
    lockNames(
      tenantId,
      batch.rows.flatMap((r) => r.prepared.probes.map((p) => p.lockKey)),
    ),
  );
  const { creates, merges } = await classify(tx, tenantId, published.app, object, batch, new Set());
  const fresh = creates.map((r) => r.create ?? newRecord(published, object, r.prepared, who, now));
  await insertImportedRecords(tx, published, object.name, who, now, fresh);
  const written: CapturedRecord[] = fresh.filter((r) => !r.scored).map((r) => ({ recordId: r.id, eventId: r.eventId }));
  let created = fresh.length;
  let merged = 0;
  for (const { prepared } of merges) {
    const owner = { ownerId: who.ownerId, teamId: who.teamId };
    const outcome = await captureInTx(ctx, tx, tenantId, { prepared, actorId: who.actorId, owner });
    if (outcome.status === 'created') created += 1;
    else merged += 1;
    written.push({ recordId: outcome.recordId, eventId: outcome.submissionId });
  }
  if (written.length === 0) return { created, merged };
  // scoring never fails the import: on an error its writes roll back and the records wait for the scoring worker
  await tx.query('SAVEPOINT import_scoring');
  try {
    await scoreCaptured(tx, published, written, now);
    await tx.query('RELEASE SAVEPOINT import_scoring');
  } catch {
    await tx.query('ROLLBACK TO SAVEPOINT import_scoring');
    await markForScoring(tx, tenantId, written, now);
  }
  return { created, merged };
}
