import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RuntimeContext } from '../context.js';
import { formSecret } from './captureStore.js';

/** A render token older than this is refused: the page must be loaded again. */
export const RENDER_TOKEN_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

const secrets = new WeakMap<RuntimeContext, Map<string, Promise<string>>>();

/** The tenant's signing secret (one per tenant, in the database, shared by every runtime process). */
function secretOf(ctx: RuntimeContext, tenantId: string): Promise<string> {
  let perCtx = secrets.get(ctx);
  if (!perCtx) {
    perCtx = new Map();
    secrets.set(ctx, perCtx);
  }
  let secret = perCtx.get(tenantId);
  if (!secret) {
    secret = formSecret(ctx.db, tenantId, randomBytes(32).toString('base64url'), ctx.clock.now());
    secret.catch(() => perCtx.delete(tenantId));
    perCtx.set(tenantId, secret);
  }
  return secret;
}

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/**
 * `v1.<payload>.<hmac>`: which tenant, form and app version the page was served for and when (server clock),
 * signed with the tenant's secret, so a submission cannot fake having been filled slowly.
 */
export async function signRenderToken(
  ctx: RuntimeContext,
  tenantId: string,
  form: string,
  appVersion: number,
  issuedAt: Date = ctx.clock.now(),
): Promise<string> {
  const claims = { t: tenantId, f: form, v: appVersion, i: issuedAt.getTime() };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `v1.${payload}.${mac(await secretOf(ctx, tenantId), payload).toString('base64url')}`;
}

export type RenderTokenCheck =
  | { readonly ok: true; readonly issuedAt: number; readonly appVersion: number }
  | { readonly ok: false; readonly reason: 'malformed' | 'expired' };

/** Checks a render token for this tenant and form; answers when the form was served. */
export async function checkRenderToken(
  ctx: RuntimeContext,
  tenantId: string,
  form: string,
  token: string,
): Promise<RenderTokenCheck> {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1' || token.length > 1000) return { ok: false, reason: 'malformed' };
  const [, payload, signature] = parts as [string, string, string];
  const expected = mac(await secretOf(ctx, tenantId), payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'malformed' };
  let claims: { t?: unknown; f?: unknown; v?: unknown; i?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.t !== tenantId || claims.f !== form || typeof claims.i !== 'number' || !Number.isInteger(claims.v))
    return { ok: false, reason: 'malformed' };
  if (ctx.clock.now().getTime() - claims.i > RENDER_TOKEN_MAX_AGE_MS) return { ok: false, reason: 'expired' };
  return { ok: true, issuedAt: claims.i, appVersion: claims.v as number };
}
