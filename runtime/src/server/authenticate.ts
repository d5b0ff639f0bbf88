import type { Request } from 'express';
import { resolveApiToken } from '../access/apiTokens.js';
import { hashToken } from '../access/secretTokens.js';
import { type ResolvedCredential, resolveSession } from '../access/sessions.js';
import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';

export const SESSION_COOKIE = 'lf_session';

/** The credential a request carries: `Authorization: Bearer <token>` or the session cookie. */
export function credentialOf(req: Request): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  const cookie = req.headers.cookie;
  if (typeof cookie !== 'string') return undefined;
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return rest.join('=');
  }
  return undefined;
}

async function resolveCredential(ctx: RuntimeContext, token: string): Promise<ResolvedCredential | null> {
  if (token.startsWith('lfs_')) return resolveSession(ctx.db, ctx.clock, ctx.config, token);
  if (!token.startsWith('lft_')) return null;
  const actor = await resolveApiToken(ctx.db, ctx.clock, token);
  return actor ? { actor, lastSeenAt: ctx.clock.now().getTime(), expiresAt: Number.POSITIVE_INFINITY } : null;
}

export async function actorOf(ctx: RuntimeContext, req: Request): Promise<Actor | null> {
  const token = credentialOf(req);
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const now = ctx.clock.now().getTime();
  const cached = ctx.actors.get(tokenHash, now, ctx.config.sessionIdleMinutes * 60_000);
  if (cached) return cached;
  const resolved = await resolveCredential(ctx, token);
  if (!resolved) return null;
  ctx.actors.put(tokenHash, resolved.actor, now, resolved.lastSeenAt, resolved.expiresAt);
  return resolved.actor;
}
