import { LeadforgeError } from '@leadforge/engine';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from '../../notifications/notificationService.js';
import { emptyBodyOrThrow } from '../bodySchema.js';
import { noQueryOrThrow, paramOf, queryOf, type RouteDef } from '../route.js';

const NOTIFICATION_PAGE_MAX = 200;

function listQueryOrThrow(query: Record<string, unknown>): { unread?: boolean; limit: number } {
  const { unread, limit, ...rest } = query;
  const problems = Object.keys(rest).map((k) => ({ path: `/${k}`, message: `unknown parameter "${k}"` }));
  if (unread !== undefined && unread !== 'true' && unread !== 'false')
    problems.push({ path: '/unread', message: 'must be true or false' });
  const n =
    limit === undefined ? 50 : typeof limit === 'string' && /^\d{1,4}$/.test(limit) ? Number(limit) : Number.NaN;
  if (!(n >= 1 && n <= NOTIFICATION_PAGE_MAX))
    problems.push({ path: '/limit', message: `must be 1 to ${NOTIFICATION_PAGE_MAX}` });
  if (problems.length > 0) throw new LeadforgeError('MALFORMED', 'invalid query', problems);
  return unread === undefined ? { limit: n } : { unread: unread === 'true', limit: n };
}

export const notificationRoutes: readonly RouteDef[] = [
  {
    method: 'get',
    path: '/api/v1/notifications',
    access: 'user',
    summary: "the caller's own in-app notifications, unread first (?unread=true, ?limit=), with the unread count",
    async handle({ ctx, req, actor }) {
      return { body: await listNotifications(ctx, actor, listQueryOrThrow(queryOf(req))) };
    },
  },
  {
    method: 'post',
    path: '/api/v1/notifications/read-all',
    access: 'user',
    summary: "mark all of the caller's notifications read",
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      emptyBodyOrThrow(req.body);
      return { body: { marked: await markAllNotificationsRead(ctx, actor) } };
    },
  },
  {
    method: 'post',
    path: '/api/v1/notifications/:id/read',
    access: 'user',
    summary: "mark one of the caller's notifications read",
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      emptyBodyOrThrow(req.body);
      return { body: await markNotificationRead(ctx, actor, paramOf(req, 'id')) };
    },
  },
];
