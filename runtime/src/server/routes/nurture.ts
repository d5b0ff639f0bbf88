import { enrollByApi, listEnrollments, unenrollByApi } from '../../nurture/nurtureService.js';
import { noQueryOrThrow, paramOf, type RouteDef } from '../route.js';

export const nurtureRoutes: readonly RouteDef[] = [
  {
    method: 'get',
    path: '/api/v1/nurture/:id/enrollments',
    access: 'user',
    summary: "a nurture sequence's newest runs over records you may read, with each run's status and current step",
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: await listEnrollments(ctx, actor, paramOf(req, 'id')) };
    },
  },
  {
    method: 'post',
    path: '/api/v1/nurture/:id/enrollments',
    access: 'user',
    summary:
      'enrol a record in a nurture sequence { recordId }; a record already active in it is left alone (enrolled: false)',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      const outcome = await enrollByApi(ctx, actor, paramOf(req, 'id'), req.body);
      return { status: outcome.enrolled ? 201 : 200, body: outcome };
    },
  },
  {
    method: 'delete',
    path: '/api/v1/nurture/:id/enrollments/:recordId',
    access: 'user',
    summary: "end a record's active run of a nurture sequence",
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: await unenrollByApi(ctx, actor, paramOf(req, 'id'), paramOf(req, 'recordId')) };
    },
  },
];
