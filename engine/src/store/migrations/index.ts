import { automation } from './automation.js';
import { automationInboxSetWise } from './automationInboxSetWise.js';
import { captureAndEvents } from './captureAndEvents.js';
import { foundation } from './foundation.js';
import { importRuns } from './importRuns.js';
import { jobsAndDelivery } from './jobsAndDelivery.js';
import { pipelinesTasksApprovals } from './pipelinesTasksApprovals.js';
import { reportSchedules } from './reportSchedules.js';
import { routingAndPools } from './routingAndPools.js';
import { scoringAndTracking } from './scoringAndTracking.js';
import { scoringPending } from './scoringPending.js';
import { seedQuiet } from './seedQuiet.js';
import { slaAndNurture } from './slaAndNurture.js';
import type { Migration } from './types.js';

export type { Migration } from './types.js';

/** Every migration, in version order. Append only: a released migration is never edited. */
export const migrations: readonly Migration[] = [
  foundation,
  jobsAndDelivery,
  captureAndEvents,
  scoringAndTracking,
  importRuns,
  pipelinesTasksApprovals,
  routingAndPools,
  scoringPending,
  automation,
  slaAndNurture,
  reportSchedules,
  seedQuiet,
  automationInboxSetWise,
];
