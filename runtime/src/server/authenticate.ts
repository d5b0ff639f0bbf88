import type { Request } from 'express';
import { resolveApiToken } from '../access/apiTokens.js';
import { resolveSession } from '../access/sessions.js';
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

export async function actorOf(ctx: RuntimeContext, req: Request): Promise<Actor | null> {
  const token = credentialOf(req);
  if (!token || token.length > 200) return null;
  if (token.startsWith('lft_')) return resolveApiToken(ctx.db, ctx.clock, token);
  if (token.startsWith('lfs_')) return resolveSession(ctx.db, ctx.clock, ctx.config, token);
  return null;
}
