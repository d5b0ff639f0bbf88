import { decideApproval } from '../../approvals/decideApproval.js';
import { listApprovals } from '../../approvals/listApprovals.js';
import { noQueryOrThrow, paramOf, queryOf, type RouteDef } from '../route.js';

export const approvalRoutes: readonly RouteDef[] = [
  {
    method: 'get',
    path: '/api/v1/approvals',
    access: 'user',
    summary: 'approvals the caller may decide, newest first: ?status=pending|approved|rejected|all&limit=',
    async handle({ ctx, req, actor }) {
      return { body: await listApprovals(ctx, actor, queryOf(req)) };
    },
  },
  {
    method: 'post',
    path: '/api/v1/approvals/:id/approve',
    access: 'user',
    summary: 'approve: { comment? }; an approved move re-checks the guards, then moves the record',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: await decideApproval(ctx, actor, paramOf(req, 'id'), 'approved', req.body) };
    },
  },
  {
    method: 'post',
    path: '/api/v1/approvals/:id/reject',
    access: 'user',
    summary: 'reject: { comment } (required); the record stays where it is',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: await decideApproval(ctx, actor, paramOf(req, 'id'), 'rejected', req.body) };
    },
  },
];
