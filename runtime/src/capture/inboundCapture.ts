import { LeadforgeError, type Problem } from '@leadforge/engine';
import type { CaptureAttribution, CaptureInput, CaptureOutcome } from '../../../engine/src/capture/index.js';
import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';
import { objectAccessOrThrow } from '../records/recordAccess.js';
import { isPlainObject } from '../records/recordInput.js';
import { captureRecord, captureRecords } from './captureService.js';
import { CAPTURE_BATCH_MAX } from './types.js';

const ITEM_KEYS = new Set(['data', 'attribution', 'consent', 'as']);

/** One inbound item as a capture input; the channel is the caller's choice, else `api` for tokens and `manual` for people. */
function inputOf(
  object: string,
  actor: Actor,
  item: unknown,
  at: string,
  problems: Problem[],
): CaptureInput | undefined {
  if (!isPlainObject(item)) {
    problems.push({ path: at, message: 'must be an object { data, attribution?, consent?, as? }' });
    return undefined;
  }
  for (const key of Object.keys(item)) {
    if (!ITEM_KEYS.has(key)) problems.push({ path: `${at}/${key}`, message: `unknown property "${key}"` });
  }
  if (!isPlainObject(item['data'])) problems.push({ path: `${at}/data`, message: 'must be an object of field values' });
  const given = item['attribution'];
  if (given !== undefined && !isPlainObject(given))
    problems.push({ path: `${at}/attribution`, message: 'must be an object' });
  if (problems.length > 0) return undefined;
  const attribution = {
    channel: actor.via === 'token' ? 'api' : 'manual',
    ...(isPlainObject(given) ? given : {}),
  } as CaptureAttribution;
  return {
    object,
    data: item['data'] as Record<string, unknown>,
    attribution,
    ...(item['consent'] !== undefined ? { consent: item['consent'] as CaptureInput['consent'] & object } : {}),
    ...(item['as'] !== undefined ? { as: item['as'] as 'clue' | 'lead' } : {}),
  };
}

async function accessOrThrow(ctx: RuntimeContext, actor: Actor, object: string) {
  const access = await objectAccessOrThrow(ctx, actor, object, 'create');
  return access;
}

function unwritableProblems(data: Record<string, unknown>, unwritable: ReadonlySet<string>, at: string): Problem[] {
  return Object.keys(data)
    .filter((k) => unwritable.has(k))
    .map((k) => ({ path: `${at}/data/${k}`, message: 'your role may not set this field' }));
}

/**
 * `POST /api/v1/capture/:object`: one record through the capture path, owned by the caller when
 * created. 201 created / 200 merged / 422 with field paths.
 */
export async function captureOne(
  ctx: RuntimeContext,
  actor: Actor,
  object: string,
  body: unknown,
  idempotencyKey: string | undefined,
): Promise<{ status: number; outcome: CaptureOutcome }> {
  const access = await accessOrThrow(ctx, actor, object);
  const problems: Problem[] = [];
  const input = inputOf(object, actor, body, '', problems);
  if (!input) throw new LeadforgeError('MALFORMED', 'invalid capture', problems);
  const refused = unwritableProblems(input.data as Record<string, unknown>, access.unwritable, '');
  if (refused.length > 0) throw new LeadforgeError('FORBIDDEN', 'your role may not set some of these fields', refused);
  const outcome = await captureRecord(ctx, actor.tenantId, input, {
    actorId: actor.userId,
    owner: { ownerId: actor.userId, teamId: actor.teamId },
    ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
  });
  if (outcome.status === 'invalid') throw new LeadforgeError('INVALID', 'the capture is not valid', outcome.problems);
  return { status: outcome.status === 'created' ? 201 : 200, outcome };
}

/** `POST /api/v1/capture/:object/batch`: up to 500 items, each validated and written on its own. */
export async function captureBatch(
  ctx: RuntimeContext,
  actor: Actor,
  object: string,
  body: unknown,
  idempotencyKey: string | undefined,
): Promise<{ results: CaptureOutcome[] }> {
  const access = await accessOrThrow(ctx, actor, object);
  if (!isPlainObject(body) || !Array.isArray(body['items']) || Object.keys(body).some((k) => k !== 'items'))
    throw new LeadforgeError('MALFORMED', 'the body must be { items: [...] }', [
      { path: '/items', message: 'must be an array of captures' },
    ]);
  const items = body['items'] as unknown[];
  if (items.length === 0 || items.length > CAPTURE_BATCH_MAX)
    throw new LeadforgeError(
      items.length === 0 ? 'MALFORMED' : 'TOO_LARGE',
      `a batch holds 1 to ${CAPTURE_BATCH_MAX} items`,
      [{ path: '/items', message: `must have 1 to ${CAPTURE_BATCH_MAX} items` }],
    );
  const results: (CaptureOutcome | undefined)[] = [];
  const inputs: CaptureInput[] = [];
  const positions: number[] = [];
  items.forEach((item, i) => {
    const problems: Problem[] = [];
    const input = inputOf(object, actor, item, '', problems);
    if (input) problems.push(...unwritableProblems(input.data as Record<string, unknown>, access.unwritable, ''));
    if (!input || problems.length > 0) results[i] = { status: 'invalid', problems };
    else {
      results[i] = undefined;
      inputs.push(input);
      positions.push(i);
    }
  });
  const outcomes = await captureRecords(ctx, actor.tenantId, inputs, {
    actorId: actor.userId,
    owner: { ownerId: actor.userId, teamId: actor.teamId },
    ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
  });
  outcomes.forEach((o, j) => {
    results[positions[j]!] = o;
  });
  return { results: results as CaptureOutcome[] };
}
