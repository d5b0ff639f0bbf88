export { type AppRouting, routingOf } from './appRouting.js';
export { listAssignments } from './assignments.js';
export { dryRun } from './dryRun.js';
export { rerouteLeadsOf } from './rerouteLeadsOf.js';
export { routeNow } from './routeNow.js';
export { type RouteOutcome, type RouteRecordInput, type RoutingCause, routeRecord } from './routeRecord.js';
export { routingTenantProblems } from './routingReferences.js';
