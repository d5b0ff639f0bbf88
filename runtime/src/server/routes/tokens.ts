import type { JSONSchemaType } from 'ajv';
import { createApiToken, listApiTokens, revokeOwnApiTokenOrThrow } from '../../access/apiTokens.js';
import { bodyParser } from '../bodySchema.js';
import { paramOf, type RouteDef } from '../route.js';

interface NewTokenBody {
  name: string;
}

const parseNewToken = bodyParser<NewTokenBody>({
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 100 } },
} as JSONSchemaType<NewTokenBody>);

export const tokenRoutes: readonly RouteDef[] = [
  {
    method: 'get',
    path: '/api/v1/tokens',
    access: 'user',
    summary: "the caller's API tokens (never their secrets)",
    async handle({ ctx, actor }) {
      return { body: { tokens: await listApiTokens(ctx.db, actor.tenantId, actor.userId) } };
    },
  },
  {
    method: 'post',
    path: '/api/v1/tokens',
    access: 'user',
    summary: 'create an API token { name } that acts as the caller; the secret is shown only in this answer',
    async handle({ ctx, req, actor }) {
      const body = parseNewToken(req.body);
      const { token, info } = await createApiToken(ctx.db, actor.tenantId, actor.userId, body.name);
      return { status: 201, body: { token, ...info } };
    },
  },
  {
    method: 'delete',
    path: '/api/v1/tokens/:id',
    access: 'user',
    summary: 'revoke one of your API tokens',
    async handle({ ctx, req, actor }) {
      await revokeOwnApiTokenOrThrow(ctx, actor, paramOf(req, 'id'));
      return { status: 204, body: null };
    },
  },
];
