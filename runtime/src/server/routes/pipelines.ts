import { recordStage } from '../../pipelines/recordStage.js';
import { transitionRecord } from '../../pipelines/transitionRecord.js';
import { noQueryOrThrow, paramOf, type RouteDef } from '../route.js';

export const pipelineRoutes: readonly RouteDef[] = [
  {
    method: 'post',
    path: '/api/v1/records/:object/:id/transition',
    access: 'user',
    summary:
      'move a record to another stage: { stage, reason?, comment?, pipeline?, version? }; 200 moved, 202 waiting for approval, 422 lists what is missing',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      const result = await transitionRecord(ctx, actor, paramOf(req, 'object'), paramOf(req, 'id'), req.body);
      return { status: result.status === 'pending' ? 202 : 200, body: result };
    },
  },
  {
    method: 'get',
    path: '/api/v1/records/:object/:id/stage',
    access: 'user',
    summary:
      'where a record stands in its pipelines (stage, entered at, next stages), its pending approval and stage history',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: await recordStage(ctx, actor, paramOf(req, 'object'), paramOf(req, 'id')) };
    },
  },
];
