import { LeadforgeError, POOL_STATUSES, type PoolStatus } from '@leadforge/engine';
import type { JSONSchemaType } from 'ajv';
import { acceptLead, claimLead, listPool, reclaimLead, returnLead, setPoolStatus } from '../../pools/poolService.js';
import { bodyParser, emptyBodyOrThrow } from '../bodySchema.js';
import { noQueryOrThrow, paramOf, queryOf, type RouteDef } from '../route.js';

const POOL_PAGE_MAX = 500;

const parseReturn = bodyParser<{ reason: string }>({
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f]+$' } },
} as JSONSchemaType<{ reason: string }>);

const parseReclaim = bodyParser<{ reason?: string }>({
  type: 'object',
  additionalProperties: false,
  properties: {
    reason: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f]+$', nullable: true },
  },
} as JSONSchemaType<{ reason?: string }>);

type SettableStatus = 'in_progress' | 'converted' | 'invalid';
const parseStatus = bodyParser<{ status: SettableStatus }>({
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: { status: { type: 'string', enum: ['in_progress', 'converted', 'invalid'] } },
} as JSONSchemaType<{ status: SettableStatus }>);

function listQueryOrThrow(query: Record<string, unknown>): { status?: PoolStatus; limit: number } {
  const { status, limit, ...rest } = query;
  const problems = Object.keys(rest).map((k) => ({ path: `/${k}`, message: `unknown parameter "${k}"` }));
  if (status !== undefined && !POOL_STATUSES.includes(status as PoolStatus))
    problems.push({ path: '/status', message: `must be one of: ${POOL_STATUSES.join(', ')}` });
  const n =
    limit === undefined ? 100 : typeof limit === 'string' && /^\d{1,4}$/.test(limit) ? Number(limit) : Number.NaN;
  if (!(n >= 1 && n <= POOL_PAGE_MAX)) problems.push({ path: '/limit', message: `must be 1 to ${POOL_PAGE_MAX}` });
  if (problems.length > 0) throw new LeadforgeError('MALFORMED', 'invalid query', problems);
  return status === undefined ? { limit: n } : { status: status as PoolStatus, limit: n };
}

const LEAD = '/api/v1/pools/:pool/leads/:id';

export const poolRoutes: readonly RouteDef[] = [
  {
    method: 'get',
    path: '/api/v1/pools/:pool/leads',
    access: 'user',
    summary:
      "a lead pool's leads (members and admins): ?status=unassigned|pending|in_progress|converted|invalid, ?limit=",
    async handle({ ctx, req, actor }) {
      return { body: await listPool(ctx, actor, paramOf(req, 'pool'), listQueryOrThrow(queryOf(req))) };
    },
  },
  {
    method: 'post',
    path: `${LEAD}/claim`,
    access: 'user',
    summary: 'a member claims an unassigned lead (unassigned → pending), within the claim limit',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      emptyBodyOrThrow(req.body);
      return { body: await claimLead(ctx, actor, paramOf(req, 'pool'), paramOf(req, 'id')) };
    },
  },
  {
    method: 'post',
    path: `${LEAD}/accept`,
    access: 'user',
    summary: 'the holder accepts a claimed lead (pending → in progress); the follow-up timer starts',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      emptyBodyOrThrow(req.body);
      return { body: await acceptLead(ctx, actor, paramOf(req, 'pool'), paramOf(req, 'id')) };
    },
  },
  {
    method: 'post',
    path: `${LEAD}/return`,
    access: 'user',
    summary: "the holder (or an admin) returns a lead to the pool: { reason } (one of the pool's return reasons)",
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      const { reason } = parseReturn(req.body);
      return { body: await returnLead(ctx, actor, paramOf(req, 'pool'), paramOf(req, 'id'), reason) };
    },
  },
  {
    method: 'post',
    path: `${LEAD}/reclaim`,
    access: 'admin',
    summary: 'an admin takes a held lead back into the pool: { reason? }; the holder is notified',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      const { reason } = parseReclaim(req.body ?? {});
      return { body: await reclaimLead(ctx, actor, paramOf(req, 'pool'), paramOf(req, 'id'), reason) };
    },
  },
  {
    method: 'post',
    path: `${LEAD}/status`,
    access: 'user',
    summary: 'the holder (or an admin) sets the status: { status: in_progress | converted | invalid }',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      const { status } = parseStatus(req.body);
      return { body: await setPoolStatus(ctx, actor, paramOf(req, 'pool'), paramOf(req, 'id'), status) };
    },
  },
];
