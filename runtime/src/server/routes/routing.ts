import type { JSONSchemaType } from 'ajv';
import { listAssignments } from '../../routing/assignments.js';
import { DRY_RUN_MAX_SAMPLE, type DryRunRequest, dryRun } from '../../routing/dryRun.js';
import { routeNow } from '../../routing/routeNow.js';
import { bodyParser } from '../bodySchema.js';
import { noQueryOrThrow, paramOf, type RouteDef } from '../route.js';

const parseDryRun = bodyParser<DryRunRequest>({
  type: 'object',
  additionalProperties: false,
  properties: {
    routing: { type: 'object', nullable: true },
    filter: {},
    sample: { type: 'integer', minimum: 1, maximum: DRY_RUN_MAX_SAMPLE, nullable: true },
  },
} as unknown as JSONSchemaType<DryRunRequest>);

const parseRouteNow = bodyParser<{ routing?: string }>({
  type: 'object',
  additionalProperties: false,
  properties: { routing: { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,62}$', nullable: true } },
} as JSONSchemaType<{ routing?: string }>);

export const routingRoutes: readonly RouteDef[] = [
  {
    method: 'post',
    path: '/api/v1/routing/:id/dry-run',
    access: 'admin',
    summary:
      'who would get what, and why: { routing? (a draft of the file), filter? (JSON Logic), sample? } → per record the owner or pool, rule, strategy and reason; writes nothing',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: await dryRun(ctx, actor, paramOf(req, 'id'), parseDryRun(req.body ?? {})) };
    },
  },
  {
    method: 'post',
    path: '/api/v1/records/:object/:id/route',
    access: 'user',
    summary:
      'route a record now (admins and roles updating every record): { routing? } → the decision and its assignment id',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      const body = parseRouteNow(req.body ?? {});
      return { body: await routeNow(ctx, actor, paramOf(req, 'object'), paramOf(req, 'id'), body) };
    },
  },
  {
    method: 'get',
    path: '/api/v1/records/:object/:id/assignments',
    access: 'user',
    summary:
      'why this owner: every routing decision about the record, newest first, with rule, strategy, reason and who was skipped',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: await listAssignments(ctx, actor, paramOf(req, 'object'), paramOf(req, 'id')) };
    },
  },
];
