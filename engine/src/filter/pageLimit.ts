import type { Result } from '../errors/types.js';

export const PAGE_LIMITS = { default: 50, max: 500 } as const;

/** A page size: an integer 1..500, 50 when absent. */
export function pageLimit(limit: unknown, path = '/limit'): Result<number> {
  if (limit === undefined || limit === null) return { ok: true, value: PAGE_LIMITS.default };
  if (typeof limit === 'number' && Number.isInteger(limit) && limit >= 1 && limit <= PAGE_LIMITS.max) {
    return { ok: true, value: limit };
  }
  return { ok: false, problems: [{ path, message: `limit is a whole number from 1 to ${PAGE_LIMITS.max}` }] };
}
