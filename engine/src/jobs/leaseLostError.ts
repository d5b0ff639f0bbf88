import type { JobClaim } from './types.js';

/**
 * Thrown when a worker tries to finish a job it no longer holds: its lease ran out (a pause, a
 * slow handler) and another worker claimed the job, so this worker's result must not count.
 */
export class LeaseLostError extends Error {
  readonly claim: JobClaim;

  constructor(claim: JobClaim) {
    super(`job ${claim.tenantId}/${claim.id} was claimed again after lease ${claim.lease}; this result is discarded`);
    this.name = 'LeaseLostError';
    this.claim = claim;
  }
}
