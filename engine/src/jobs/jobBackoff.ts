const BASE_MS = 5_000;
const CAP_MS = 60 * 60_000;

/**
 * The wait after a job's handler threw on attempt `attempt` (1-based): 5 s doubling to at most
 * an hour, ±20 % jitter (`random` in [0, 1)). Deliveries use their own schedule (delivery/backoff).
 */
export function jobRetryDelayMs(attempt: number, random: number): number {
  const nominal = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(nominal * (0.8 + 0.4 * random));
}
