import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the signed content is
 * `${webhook-id}.${webhook-timestamp}.${body}`, HMAC-SHA256 with the endpoint secret, sent as
 * `v1,<base64>`. During a rotation every active secret signs, space separated, so a receiver
 * holding either the old or the new secret accepts the message.
 */

const PREFIX = 'whsec_';

/** Headers a webhook request carries. */
export interface WebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/** True for `whsec_` followed by base64 of at least 24 bytes (the spec asks for 24 to 64). */
export function isWebhookSecret(secret: string): boolean {
  if (!secret.startsWith(PREFIX)) return false;
  const body = secret.slice(PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return false;
  const length = Buffer.from(body, 'base64').length;
  return length >= 24 && length <= 64;
}

function keyOf(secret: string): Buffer {
  if (!isWebhookSecret(secret)) throw new Error('a webhook secret is "whsec_" followed by base64 of 24 to 64 bytes');
  return Buffer.from(secret.slice(PREFIX.length), 'base64');
}

/** Makes a secret from random bytes (the caller supplies them, e.g. crypto.randomBytes(32)). */
export function webhookSecretFromBytes(bytes: Uint8Array): string {
  return PREFIX + Buffer.from(bytes).toString('base64');
}

function signature(secret: string, id: string, timestamp: string, body: string): string {
  return createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
}

/** Signs one message with every active secret. `at` becomes the whole-second `webhook-timestamp`. */
export function signWebhook(id: string, at: Date, body: string, secrets: readonly string[]): WebhookHeaders {
  if (secrets.length === 0) throw new Error('a webhook endpoint needs at least one secret');
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': secrets.map((s) => `v1,${signature(s, id, timestamp, body)}`).join(' '),
  };
}

export type WebhookVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Verifies a received webhook the way a receiver should: a `v1` signature must match `secret`
 * (compared in constant time) and the timestamp must be within `toleranceSeconds` of `now`.
 */
export function verifyWebhook(
  headers: Partial<Record<keyof WebhookHeaders, string | undefined>>,
  body: string,
  secret: string,
  now: Date,
  toleranceSeconds = 300,
): WebhookVerdict {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) return { ok: false, reason: 'missing webhook headers' };
  if (!/^\d+$/.test(timestamp)) return { ok: false, reason: 'webhook-timestamp is not a number' };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) {
    return { ok: false, reason: 'webhook-timestamp is outside the tolerance' };
  }
  const expected = Buffer.from(signature(secret, id, timestamp, body), 'base64');
  for (const entry of signatures.split(' ')) {
    const [version, value] = entry.split(',');
    if (version !== 'v1' || value === undefined) continue;
    const given = Buffer.from(value, 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
  }
  return { ok: false, reason: 'no matching signature' };
}
