import type { NewJob } from '../../../engine/src/jobs/index.js';

export const T0 = new Date('2026-03-02T09:00:00Z');

/** A job due at T0 unless told otherwise. */
export function aJob(tenantId: string, overrides: Partial<NewJob> = {}): NewJob {
  return { tenantId, kind: 'test.timer', payload: { n: 1 }, runAt: T0, ...overrides };
}
