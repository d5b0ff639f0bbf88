import {
  createReportSchedule,
  deleteReportSchedule,
  getReportSchedule,
  listReportSchedules,
  updateReportSchedule,
} from '../../reports/scheduleService.js';
import { noQueryOrThrow, paramOf, type RouteDef } from '../route.js';

const BASE = '/api/v1/report-schedules';

/** Scheduled emails of a report or dashboard (admins and ops; the service decides). */
export const reportScheduleRoutes: readonly RouteDef[] = [
  {
    method: 'get',
    path: BASE,
    access: 'user',
    summary: 'report and dashboard email schedules of the tenant (admins, ops)',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: await listReportSchedules(ctx, actor) };
    },
  },
  {
    method: 'post',
    path: BASE,
    access: 'user',
    summary:
      'schedule an email: { report | dashboard, endpoint, recipients, format: csv|xlsx, cadence: { every, at, weekday?, day?, timeZone? }, filters?, locale?, owner? } (admins, ops)',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { status: 201, body: await createReportSchedule(ctx, actor, req.body) };
    },
  },
  {
    method: 'get',
    path: `${BASE}/:id`,
    access: 'user',
    summary: 'one schedule with its next due time and last outcome (admins, ops)',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: await getReportSchedule(ctx, actor, paramOf(req, 'id')) };
    },
  },
  {
    method: 'patch',
    path: `${BASE}/:id`,
    access: 'user',
    summary: 'change a schedule (any property of the create body, or active: false to pause) (admins, ops)',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: await updateReportSchedule(ctx, actor, paramOf(req, 'id'), req.body) };
    },
  },
  {
    method: 'delete',
    path: `${BASE}/:id`,
    access: 'user',
    summary: 'delete a schedule; its pending run sends nothing (admins, ops)',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      await deleteReportSchedule(ctx, actor, paramOf(req, 'id'));
      return { status: 204, body: null };
    },
  },
];
