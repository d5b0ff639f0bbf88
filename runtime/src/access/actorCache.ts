import type { Actor } from './types.js';

interface Entry {
  readonly actor: Actor;
  readonly cachedAt: number;
  /** Session only: the limits re-checked on every hit, so a cached session still idles out on time. */
  readonly lastSeenAt: number;
  readonly expiresAt: number;
}

/**
 * Remembers resolved credentials for a short time so a busy client does not cost a database round
 * trip per request. This process forgets a user's entries the moment they are disabled, sign out or
 * lose a token; other processes sharing the database notice within `ttlMs`.
 */
export interface ActorCache {
  get(tokenHash: string, nowMs: number, idleMs: number): Actor | null;
  put(tokenHash: string, actor: Actor, nowMs: number, lastSeenAt: number, expiresAt: number): void;
  forgetToken(tokenHash: string): void;
  forgetUser(tenantId: string, userId: string): void;
}

export function createActorCache(ttlMs: number, maxEntries = 10_000): ActorCache {
  const entries = new Map<string, Entry>();
  return {
    get(tokenHash, nowMs, idleMs) {
      const e = entries.get(tokenHash);
      if (!e) return null;
      const fresh = nowMs - e.cachedAt < ttlMs;
      const alive = nowMs < e.expiresAt && nowMs < e.lastSeenAt + idleMs;
      // a session last touched over a minute ago goes back to the database so its idle clock moves on
      const touchDue = nowMs - e.lastSeenAt > 60_000;
      if (fresh && alive && !touchDue) return e.actor;
      entries.delete(tokenHash);
      return null;
    },
    put(tokenHash, actor, nowMs, lastSeenAt, expiresAt) {
      if (ttlMs <= 0) return;
      if (entries.size >= maxEntries) entries.clear();
      entries.set(tokenHash, { actor, cachedAt: nowMs, lastSeenAt, expiresAt });
    },
    forgetToken(tokenHash) {
      entries.delete(tokenHash);
    },
    forgetUser(tenantId, userId) {
      for (const [key, e] of entries) {
        if (e.actor.tenantId === tenantId && e.actor.userId === userId) entries.delete(key);
      }
    },
  };
}
