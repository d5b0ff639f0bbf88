import { randomUUID } from 'node:crypto';
import { insertRecord, LeadforgeError, type SqlExecutor, type SqlTransaction, updateRecord } from '@leadforge/engine';
import {
  type CaptureCandidate,
  type CaptureInput,
  type CaptureOutcome,
  type PlannedEvent,
  type PreparedCapture,
  planPrepared,
  prepareCapture,
} from '../../../engine/src/capture/index.js';
import { assertStorableData, withoutNulls } from '../../../engine/src/store/storableData.js';
import type { RuntimeContext } from '../context.js';
import { type FirstScores, firstScores, type NewRecord } from '../scoring/scoreNewRecord.js';
import { scoreCapture } from './afterCapture.js';
import { createIfAbsent, lockNames, writeAttributionAndEvents } from './captureStore.js';
import { idempotent, requestHash } from './idempotency.js';
import { CaptureRaced, withCaptureRetry } from './retry.js';
import { CAPTURE_BATCH_MAX, type CaptureOptions } from './types.js';

/** What the transaction writes besides the plan: who, for whom, and the capture event's id and key. */
export interface CaptureWrite {
  readonly prepared: PreparedCapture;
  readonly actorId: string | null;
  readonly owner?: { readonly ownerId: string | null; readonly teamId: string | null };
  /** Id of the capture's own event (a public submission's id); a fresh UUID otherwise. */
  readonly submissionId?: string;
  /** Makes the capture event unique in the tenant (a queued submission processed twice writes once). */
  readonly eventKey?: string;
  /** The form's hidden visitor id (the tracking snippet's cookie): stitched when the capture is scored. */
  readonly visitorId?: string;
}

export type CaptureSuccess = Extract<CaptureOutcome, { status: 'created' | 'merged' }> & {
  readonly submissionId: string;
  /** True when the fast path wrote the new record's first scores in its own statement. */
  readonly scored?: boolean;
};

/** Dedupe key fields of these types match whatever their case. */
const TEXT_TYPES = new Set(['text', 'longtext']);

function eventRows(write: CaptureWrite, recordId: string, events: readonly PlannedEvent[], submissionId: string) {
  return events.map((e, i) => ({
    id: i === 0 ? submissionId : randomUUID(),
    recordId,
    object: write.prepared.policy.object.name,
    type: e.type,
    data: e.data,
    eventKey: i === 0 ? (write.eventKey ?? null) : null,
  }));
}

/**
 * The create a capture plans when no record holds its keys, tried in one round trip (see
 * createIfAbsent): answers the created record, or the candidates found under the key locks. With
 * `scoreInline` the new record's first scores (firstScores) are computed beforehand and written by
 * the same statement, its mirrored score and grade stored in its data as it is created.
 */
async function createOrCandidates(
  ctx: RuntimeContext,
  db: SqlExecutor,
  tenantId: string,
  write: CaptureWrite,
  submissionId: string,
  scoreInline = false,
): Promise<CaptureSuccess | { readonly candidates: readonly CaptureCandidate[] }> {
  const { prepared } = write;
  const object = prepared.policy.object;
  const now = ctx.clock.now();
  const plan = planPrepared(prepared, [], now);
  if (plan.action !== 'create') throw new LeadforgeError('INVALID', 'the capture is not valid');
  const data = withoutNulls({ ...plan.data });
  assertStorableData(data);
  const ownerId = write.owner?.ownerId ?? null;
  const teamId = write.owner?.teamId ?? null;
  const changes: Record<string, { from: null; to: unknown }> = {};
  for (const [key, value] of Object.entries(data)) changes[key] = { from: null, to: value };
  if (ownerId !== null) changes['owner'] = { from: null, to: ownerId };
  if (teamId !== null) changes['team'] = { from: null, to: teamId };
  const recordId = randomUUID();
  const events = eventRows(write, recordId, plan.events, submissionId);
  const first = scoreInline
    ? await firstScoresOrNull(
        ctx,
        tenantId,
        {
          id: recordId,
          object: object.name,
          data,
          ownerId,
          teamId,
          actorId: write.actorId,
          at: now,
          events: events.map((e) => ({ id: e.id, type: e.type, data: e.data as Record<string, unknown> })),
        },
        now,
        submissionId,
      )
    : null;
  const result = await createIfAbsent(
    db,
    tenantId,
    object.name,
    lockNames(
      tenantId,
      prepared.probes.map((p) => p.lockKey),
    ),
    prepared.probes.map((p) =>
      p.fields.map((field, i) => ({ field, value: p.values[i], ci: TEXT_TYPES.has(object.fields[field]!.type) })),
    ),
    {
      id: recordId,
      // the mirrored fields are readonly outputs: stored, but not listed in the record's own history
      data: first ? { ...data, ...first.mirrored } : data,
      ownerId,
      teamId,
      actorId: write.actorId,
      at: now,
      attribution: plan.attribution,
      changes,
    },
    events,
    first?.writes,
  );
  if ('created' in result) return { status: 'created', recordId, version: 1, submissionId, scored: first !== null };
  return result;
}

/** The new record's first scores, or null (no model, or scoring threw: then it is scored after the write). */
async function firstScoresOrNull(
  ctx: RuntimeContext,
  tenantId: string,
  record: NewRecord,
  now: Date,
  submissionId: string,
): Promise<FirstScores | null> {
  try {
    const published = await ctx.apps.current(tenantId);
    return published ? firstScores(published, record, now, { eventId: submissionId }) : null;
  } catch {
    return null;
  }
}

/**
 * One capture inside the caller's transaction: under the dedupe key locks (held until the
 * transaction ends), create the record when none holds the keys, else let the engine plan the
 * merge into the candidates found and write record, history, attribution and events. Throws
 * CaptureRaced when the matched record changed meanwhile (run it again).
 */
export async function captureInTx(
  ctx: RuntimeContext,
  tx: SqlTransaction,
  tenantId: string,
  write: CaptureWrite,
): Promise<CaptureSuccess> {
  const submissionId = write.submissionId ?? randomUUID();
  const first = await createOrCandidates(ctx, tx, tenantId, write, submissionId);
  if (!('candidates' in first)) return first;
  const { prepared } = write;
  const object = prepared.policy.object;
  const now = ctx.clock.now();
  const plan = planPrepared(prepared, first.candidates, now);
  if (plan.action === 'invalid') throw new LeadforgeError('INVALID', 'the capture is not valid', plan.problems);
  if (plan.action === 'create') {
    // the database matched a record the engine does not count as a duplicate (a value stored before normalisation)
    const row = await insertRecord(tx, {
      tenantId,
      object: object.name,
      data: { ...plan.data },
      ownerId: write.owner?.ownerId ?? null,
      teamId: write.owner?.teamId ?? null,
      actorId: write.actorId,
      now,
      attribution: plan.attribution,
    });
    await writeAttributionAndEvents(tx, tenantId, null, null, eventRows(write, row.id, plan.events, submissionId), now);
    return { status: 'created', recordId: row.id, version: row.version, submissionId };
  }
  const result = await updateRecord(tx, {
    tenantId,
    object: object.name,
    id: plan.recordId,
    scope: { kind: 'all' },
    expectedVersion: plan.expectedVersion,
    set: { ...plan.patch },
    actorId: write.actorId,
    now,
  });
  if (result.status !== 'ok') throw new CaptureRaced();
  await writeAttributionAndEvents(
    tx,
    tenantId,
    plan.recordId,
    plan.attribution,
    eventRows(write, plan.recordId, plan.events, submissionId),
    now,
  );
  return { status: 'merged', recordId: plan.recordId, version: result.record.version, submissionId };
}

/**
 * The prepared capture written on its own: a new record in one round trip, its first scores
 * included; a merge (or a race with a concurrent write) in a transaction, retried when it raced,
 * then scored right after the commit in a short transaction of its own. Scoring never fails the
 * capture (docs/scoring.md, "Scoring at capture").
 */
export async function writeCapture(
  ctx: RuntimeContext,
  tenantId: string,
  write: CaptureWrite,
): Promise<CaptureSuccess> {
  const submissionId = write.submissionId ?? randomUUID();
  // a visitor to stitch brings its anonymous events along: that is the full rescoring's work
  const inline = write.visitorId === undefined;
  let fast: Awaited<ReturnType<typeof createOrCandidates>>;
  try {
    fast = await createOrCandidates(ctx, ctx.db, tenantId, write, submissionId, inline);
  } catch (err) {
    if (!inline) throw err;
    // the statement is atomic: nothing was written; the capture goes on without its scores
    fast = await createOrCandidates(ctx, ctx.db, tenantId, write, submissionId, false);
  }
  const success =
    'candidates' in fast
      ? await withCaptureRetry(() =>
          ctx.db.transaction((tx) => captureInTx(ctx, tx, tenantId, { ...write, submissionId })),
        )
      : fast;
  if (!success.scored) await scoreCommitted(ctx, tenantId, success, write.visitorId);
  return success;
}

/**
 * Scores a capture once its transaction has committed (the choice and why: docs/scoring.md,
 * "Scoring at capture"). Never throws: a failure is logged and the record marked for the scoring worker.
 */
export async function scoreCommitted(
  ctx: RuntimeContext,
  tenantId: string,
  success: Pick<CaptureSuccess, 'recordId' | 'submissionId'>,
  visitorId?: string,
): Promise<void> {
  const published = await ctx.apps.current(tenantId).catch(() => null);
  if (published) await scoreCapture(ctx, published, success, visitorId);
}

function publicOutcome(success: CaptureSuccess): CaptureOutcome {
  return { status: success.status, recordId: success.recordId, version: success.version };
}

async function currentAppOrThrow(ctx: RuntimeContext, tenantId: string) {
  const published = await ctx.apps.current(tenantId);
  if (!published) throw new LeadforgeError('NOT_FOUND', 'no app is published yet');
  return published;
}

/**
 * Captures one record through the path every channel shares (issue 3): validate, normalise,
 * dedupe and merge, attribution, events, in one transaction. An invalid input writes nothing and
 * answers its problems; with an idempotency key, a repeat answers the first outcome and writes nothing.
 */
export async function captureRecord(
  ctx: RuntimeContext,
  tenantId: string,
  input: CaptureInput,
  options: CaptureOptions & { readonly owner?: CaptureWrite['owner'] } = {},
): Promise<CaptureOutcome> {
  const { app } = await currentAppOrThrow(ctx, tenantId);
  const prepared = prepareCapture(app, input);
  if (!prepared.ok) return { status: 'invalid', problems: prepared.problems };
  const write: CaptureWrite = {
    prepared: prepared.value,
    actorId: options.actorId ?? null,
    ...(options.owner ? { owner: options.owner } : {}),
  };
  if (options.idempotencyKey === undefined) return publicOutcome(await writeCapture(ctx, tenantId, write));
  let written: CaptureSuccess | undefined;
  const outcome = await idempotent(
    ctx,
    tenantId,
    `capture:${options.idempotencyKey}`,
    requestHash(input),
    async (tx) => {
      written = await captureInTx(ctx, tx, tenantId, write);
      return publicOutcome(written);
    },
  );
  // a replay (the first outcome answered again) wrote nothing, and was scored the first time
  if (written) await scoreCommitted(ctx, tenantId, written);
  return outcome;
}

/**
 * Captures a batch (at most CAPTURE_BATCH_MAX): each item is validated and written on its own,
 * so one bad item does not stop the others; outcomes come back in input order. With an
 * idempotency key, item i uses `${key}:${i}`.
 */
export async function captureRecords(
  ctx: RuntimeContext,
  tenantId: string,
  inputs: readonly CaptureInput[],
  options: CaptureOptions & { readonly owner?: CaptureWrite['owner'] } = {},
): Promise<CaptureOutcome[]> {
  if (inputs.length > CAPTURE_BATCH_MAX) {
    throw new LeadforgeError('TOO_LARGE', `a batch holds at most ${CAPTURE_BATCH_MAX} items`, [
      { path: '/items', message: `must have at most ${CAPTURE_BATCH_MAX} items` },
    ]);
  }
  await currentAppOrThrow(ctx, tenantId);
  const outcomes: CaptureOutcome[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const i = next++;
      const key = options.idempotencyKey === undefined ? {} : { idempotencyKey: `${options.idempotencyKey}:${i}` };
      outcomes[i] = await captureRecord(ctx, tenantId, inputs[i]!, { ...options, ...key });
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, inputs.length) }, worker));
  return outcomes;
}
