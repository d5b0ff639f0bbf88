export { POOL_ACCEPT_TIMEOUT, POOL_FOLLOW_UP_TIMEOUT } from './poolJobs.js';
export { acceptLead, claimLead, listPool, reclaimLead, returnLead, setPoolStatus } from './poolService.js';
export { FOLLOW_UP_EVENTS, poolJobHandlers } from './poolTimeouts.js';
