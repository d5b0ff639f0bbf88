import { completeTask, createRecordTask, listTasks, logRecordActivity, updateTask } from '../../tasks/taskService.js';
import { recordTimeline } from '../../tasks/timeline.js';
import { noQueryOrThrow, paramOf, queryOf, type RouteDef } from '../route.js';

export const taskRoutes: readonly RouteDef[] = [
  {
    method: 'post',
    path: '/api/v1/records/:object/:id/tasks',
    access: 'user',
    summary: 'create a task on a record: { title, kind?, priority?, dueAt?, assignee? (default the owner), notes? }',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return {
        status: 201,
        body: await createRecordTask(ctx, actor, paramOf(req, 'object'), paramOf(req, 'id'), req.body),
      };
    },
  },
  {
    method: 'get',
    path: '/api/v1/tasks',
    access: 'user',
    summary: 'my tasks, soonest due first: ?status=open|done|all&assignee=<user id, admins>&limit=',
    async handle({ ctx, req, actor }) {
      return { body: await listTasks(ctx, actor, queryOf(req)) };
    },
  },
  {
    method: 'patch',
    path: '/api/v1/tasks/:id',
    access: 'user',
    summary: 'reschedule, reprioritise or reassign a task: { version?, dueAt?, priority?, assignee?, title?, notes? }',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: await updateTask(ctx, actor, paramOf(req, 'id'), req.body) };
    },
  },
  {
    method: 'post',
    path: '/api/v1/tasks/:id/complete',
    access: 'user',
    summary: 'complete a task: { outcome?, summary? }; a call/visit/email/meeting task also logs that activity',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: await completeTask(ctx, actor, paramOf(req, 'id'), req.body) };
    },
  },
  {
    method: 'post',
    path: '/api/v1/records/:object/:id/activities',
    access: 'user',
    summary: 'log a call, visit, email, meeting or note: { kind, outcome?, summary?, at?, durationMinutes?, taskId? }',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return {
        status: 201,
        body: await logRecordActivity(ctx, actor, paramOf(req, 'object'), paramOf(req, 'id'), req.body),
      };
    },
  },
  {
    method: 'get',
    path: '/api/v1/records/:object/:id/timeline',
    access: 'user',
    summary: 'events, activities, tasks, stage moves and approvals of a record, newest first: ?limit=&cursor=',
    async handle({ ctx, req, actor }) {
      return { body: await recordTimeline(ctx, actor, paramOf(req, 'object'), paramOf(req, 'id'), queryOf(req)) };
    },
  },
];
