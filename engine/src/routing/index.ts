export { assign, routingData } from './assign.js';
export { type CompileRoutingResult, compileRouting } from './compileRouting.js';
export { describeMembers, findTeam, findUser, poolMembers, unavailability } from './poolCandidates.js';
export {
  HELD_STATUSES,
  POOL_STATUSES,
  type PoolAction,
  type PoolStatus,
  poolTransitionOrThrow,
} from './poolTransitions.js';
export { smoothWeightedSequence } from './smoothWeighted.js';
export * from './types.js';
