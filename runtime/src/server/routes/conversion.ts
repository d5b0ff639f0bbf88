import { convertRecord } from '../../conversion/convertRecord.js';
import { noQueryOrThrow, paramOf, type RouteDef } from '../route.js';

export const conversionRoutes: readonly RouteDef[] = [
  {
    method: 'post',
    path: '/api/v1/records/:object/:id/convert',
    access: 'user',
    summary:
      "convert a record as its object's conversion declares (lead → company + contact + opportunity): { include?: [optional target ids], data?: { targetId: { field: value } } }",
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return {
        body: await convertRecord(ctx, actor, paramOf(req, 'object'), paramOf(req, 'id'), req.body),
      };
    },
  },
];
