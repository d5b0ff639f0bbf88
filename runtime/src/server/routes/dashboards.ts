import { listDashboards, runDashboard } from '../../reports/dashboardService.js';
import { paramOf, queryOf, type RouteDef } from '../route.js';

export const dashboardRoutes: readonly RouteDef[] = [
  {
    method: 'get',
    path: '/api/v1/dashboards',
    access: 'user',
    summary: 'the published dashboards with at least one report your role may read (?locale=)',
    async handle({ ctx, req, actor }) {
      return { body: await listDashboards(ctx, actor, queryOf(req), req.get('accept-language')) };
    },
  },
  {
    method: 'get',
    path: '/api/v1/dashboards/:id',
    access: 'user',
    summary:
      'run every widget with the global filters: ?dateRange=last_30_days | from=&to=, team=, owner=, locale=; a failing widget answers its error',
    async handle({ ctx, req, actor }) {
      return { body: await runDashboard(ctx, actor, paramOf(req, 'id'), queryOf(req), req.get('accept-language')) };
    },
  },
];
