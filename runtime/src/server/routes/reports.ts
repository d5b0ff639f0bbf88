import { LeadforgeError } from '@leadforge/engine';
import { drillReport, exportReport, listReports, runReport } from '../../reports/reportService.js';
import { paramOf, queryOf, type RouteDef } from '../route.js';

export const reportRoutes: readonly RouteDef[] = [
  {
    method: 'get',
    path: '/api/v1/reports',
    access: 'user',
    summary: 'the published reports your role may read (?locale=)',
    async handle({ ctx, req, actor }) {
      return { body: await listReports(ctx, actor, queryOf(req), req.get('accept-language')) };
    },
  },
  {
    method: 'get',
    path: '/api/v1/reports/:id',
    access: 'user',
    summary: 'run a report under your row scope: ?dateRange=last_30_days | from=&to=, team=, owner=, locale=',
    async handle({ ctx, req, actor }) {
      return { body: await runReport(ctx, actor, paramOf(req, 'id'), queryOf(req), req.get('accept-language')) };
    },
  },
  {
    method: 'post',
    path: '/api/v1/reports/:id/drill',
    access: 'user',
    summary: 'the filter, count and records-list link behind one data point: { keys: [...], measure? }',
    async handle({ ctx, req, actor }) {
      return {
        body: await drillReport(ctx, actor, paramOf(req, 'id'), queryOf(req), req.body, req.get('accept-language')),
      };
    },
  },
  {
    method: 'get',
    path: '/api/v1/reports/:id/export',
    access: 'user',
    summary: 'a report run as a file: ?format=csv|xlsx (plus the run parameters); formula-like cells are neutralised',
    async handle({ ctx, req, res, actor }) {
      const file = await exportReport(ctx, actor, paramOf(req, 'id'), queryOf(req), req.get('accept-language'));
      if (!/^[a-z0-9_.-]+$/.test(file.filename)) throw new LeadforgeError('INTERNAL', 'unsafe export file name');
      res.status(200);
      res.setHeader('Content-Type', file.contentType);
      res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
      res.end(file.content);
      return undefined;
    },
  },
];
