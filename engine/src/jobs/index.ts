export * from './claimJobs.js';
export * from './enqueueJob.js';
export * from './finishJobs.js';
export * from './jobBackoff.js';
export * from './jobQueries.js';
export * from './leaseLostError.js';
export * from './types.js';
