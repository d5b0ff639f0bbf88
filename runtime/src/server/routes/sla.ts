import { recordSlaStatus } from '../../sla/slaStatus.js';
import { noQueryOrThrow, paramOf, type RouteDef } from '../route.js';

export const slaRoutes: readonly RouteDef[] = [
  {
    method: 'get',
    path: '/api/v1/records/:object/:id/sla',
    access: 'user',
    summary: "a record's SLA clocks: status (running, breached, done, met, cancelled), due time and steps fired",
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: await recordSlaStatus(ctx, actor, paramOf(req, 'object'), paramOf(req, 'id')) };
    },
  },
];
