import type { RuntimeContext } from '../context.js';

const WINDOW_MS = 60_000;

interface Window {
  readonly start: number;
  readonly counts: Map<string, number>;
}

const windows = new WeakMap<RuntimeContext, Window>();

/** The fixed one-minute window `now` falls in, and the seconds until it ends (for Retry-After). */
export function minuteWindow(now: Date): { start: Date; end: Date; retryAfter: number } {
  const start = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
  return {
    start: new Date(start),
    end: new Date(start + WINDOW_MS),
    retryAfter: Math.max(1, Math.ceil((start + WINDOW_MS - now.getTime()) / 1000)),
  };
}

/**
 * Adds one to each bucket in the current minute and answers the new counts. Counts live in the
 * process (a database row per bucket would make every submission of a tenant queue on one row
 * lock); with several processes, each enforces the limits on its own share of the traffic.
 * Only the current window is kept.
 */
export function countInWindow(ctx: RuntimeContext, buckets: readonly string[]): Map<string, number> {
  const start = minuteWindow(ctx.clock.now()).start.getTime();
  let window = windows.get(ctx);
  if (!window || window.start !== start) {
    window = { start, counts: new Map() };
    windows.set(ctx, window);
  }
  const answer = new Map<string, number>();
  for (const bucket of buckets) {
    const count = (window.counts.get(bucket) ?? 0) + 1;
    window.counts.set(bucket, count);
    answer.set(bucket, count);
  }
  return answer;
}
