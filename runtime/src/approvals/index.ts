export type { ApiApproval } from './approvalRow.js';
export { pendingApprovalOf } from './approvalRow.js';
export { decideApproval } from './decideApproval.js';
export { listApprovals } from './listApprovals.js';
export {
  type ApprovalRequestInput,
  type ApprovalSubject,
  refuseWhilePending,
  requestApproval,
} from './requestApproval.js';
