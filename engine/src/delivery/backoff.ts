const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Nominal waits before each retry of a delivery: 9 attempts spread over about 31.6 hours.
 * With ±20 % jitter the whole span stays between 25.3 and 37.9 hours — never under 24 hours,
 * so a target down for a day still gets every message.
 */
export const DELIVERY_RETRY_DELAYS_MS: readonly number[] = [
  10 * SECOND,
  1 * MINUTE,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  14 * HOUR,
];

/** Attempts in all: the first plus one per retry delay. */
export const DELIVERY_MAX_ATTEMPTS = DELIVERY_RETRY_DELAYS_MS.length + 1;

/** The longest a target's Retry-After can push a retry out. */
export const MAX_RETRY_AFTER_MS = 24 * HOUR;

const JITTER = 0.2;

/**
 * How long to wait after failed attempt number `attempt` (1-based), or null when that was the
 * last one. Jitter spreads retries of many messages that failed together (`random` in [0, 1)).
 * A Retry-After from the target is honoured when it asks for longer, up to MAX_RETRY_AFTER_MS.
 */
export function retryDelayMs(attempt: number, random: number, retryAfterMs: number | null = null): number | null {
  const nominal = DELIVERY_RETRY_DELAYS_MS[attempt - 1];
  if (nominal === undefined) return null;
  const jittered = Math.round(nominal * (1 - JITTER + 2 * JITTER * random));
  if (retryAfterMs === null) return jittered;
  return Math.max(jittered, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}

/** The time of the next attempt after failed attempt `attempt` at `now`, or null when none is left. */
export function nextAttemptAt(
  now: Date,
  attempt: number,
  random: number,
  retryAfterMs: number | null = null,
): Date | null {
  const delay = retryDelayMs(attempt, random, retryAfterMs);
  return delay === null ? null : new Date(now.getTime() + delay);
}
