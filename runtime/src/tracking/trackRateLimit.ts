import type { RuntimeContext } from '../context.js';

const WINDOW_MS = 60_000;

interface Window {
  readonly start: number;
  readonly counts: Map<string, number>;
}

const windows = new WeakMap<RuntimeContext, Window>();

/**
 * Counts one tracking request of `key` in the current fixed minute and answers the new count and
 * the seconds until the window ends (for Retry-After). Counts live in the process, like capture's:
 * page views are too frequent for a counter row per IP; with several processes each enforces the
 * limit on its own share of the traffic. Only the current window is kept.
 */
export function countTrackRequest(ctx: RuntimeContext, key: string): { count: number; retryAfter: number } {
  const now = ctx.clock.now().getTime();
  const start = Math.floor(now / WINDOW_MS) * WINDOW_MS;
  let window = windows.get(ctx);
  if (!window || window.start !== start) {
    window = { start, counts: new Map() };
    windows.set(ctx, window);
  }
  const count = (window.counts.get(key) ?? 0) + 1;
  window.counts.set(key, count);
  return { count, retryAfter: Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000)) };
}
