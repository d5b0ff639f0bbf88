import { createHash } from 'node:crypto';
import { LeadforgeError, type SqlTransaction } from '@leadforge/engine';
import type { RuntimeContext } from '../context.js';
import { lockIdempotencyKey, storeAnswer, storedAnswer } from './captureStore.js';
import { withCaptureRetry } from './retry.js';

const KEY = /^[\x21-\x7e]{1,200}$/;

/** Refuses an Idempotency-Key header that is not 1 to 200 printable ASCII characters. */
export function idempotencyKeyOrThrow(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY.test(value)) {
    throw new LeadforgeError('MALFORMED', 'Idempotency-Key must be 1 to 200 printable ASCII characters', [
      { path: '/headers/idempotency-key', message: 'must be 1 to 200 printable ASCII characters' },
    ]);
  }
  return value;
}

/** A stable hash of a request, to tell a retry from a different request reusing a key. */
export function requestHash(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('base64url');
}

function replay<T>(stored: { requestHash: string; response: unknown }, hash: string): T {
  if (stored.requestHash !== hash) {
    throw new LeadforgeError('CONFLICT', 'this Idempotency-Key was used for a different request', [
      { path: '/headers/idempotency-key', message: 'was used for a different request' },
    ]);
  }
  return stored.response as T;
}

/**
 * Runs `write` at most once per key in the tenant and answers what the first run answered: the
 * key is locked for the transaction, so concurrent requests with one key wait for the first and
 * then replay its stored answer. The answer is stored in the same transaction as the write.
 */
export async function idempotent<T>(
  ctx: RuntimeContext,
  tenantId: string,
  key: string,
  hash: string,
  write: (tx: SqlTransaction) => Promise<T>,
): Promise<T> {
  const earlier = await storedAnswer(ctx.db, tenantId, key);
  if (earlier) return replay<T>(earlier, hash);
  return withCaptureRetry(() =>
    ctx.db.transaction(async (tx) => {
      await lockIdempotencyKey(tx, tenantId, key);
      const stored = await storedAnswer(tx, tenantId, key);
      if (stored) return replay<T>(stored, hash);
      const answer = await write(tx);
      await storeAnswer(tx, tenantId, key, hash, answer, ctx.clock.now());
      return answer;
    }),
  );
}
