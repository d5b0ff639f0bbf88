import { LeadforgeError } from '@leadforge/engine';
import type { JSONSchemaType } from 'ajv';
import type { Request } from 'express';
import {
  createEndpoint,
  endpointDeliveries,
  listEndpointViews,
  reenableEndpoint,
  removeEndpoint,
  retireWebhookSecrets,
  rotateWebhookSecret,
  testEndpoint,
  updateEndpoint,
} from '../../jobs/endpointAdmin.js';
import { describeEndpoint } from '../../jobs/endpointService.js';
import { runtimeDelivery } from '../../jobs/runtimeDelivery.js';
import { onlyParamsOrThrow } from '../../records/recordInput.js';
import { bodyParser, emptyBodyOrThrow } from '../bodySchema.js';
import { noQueryOrThrow, paramOf, queryOf, type RouteDef } from '../route.js';

// Delivery endpoints (issue 5, docs/delivery.md): where webhooks, emails and robot messages go.
// Admins only. Secrets are sealed at rest and never answered — only which secret fields are set.

const ENDPOINT_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

interface NewEndpointBody {
  id: string;
  channel: string;
  config: Record<string, unknown>;
}

interface EndpointUpdateBody {
  channel?: string;
  config: Record<string, unknown>;
}

interface RotateBody {
  secret?: string;
}

const parseNewEndpoint = bodyParser<NewEndpointBody>({
  type: 'object',
  additionalProperties: false,
  required: ['id', 'channel', 'config'],
  properties: {
    id: { type: 'string', pattern: ENDPOINT_ID.source },
    channel: { type: 'string', minLength: 1, maxLength: 40 },
    config: { type: 'object', required: [] },
  },
} as JSONSchemaType<NewEndpointBody>);

const parseEndpointUpdate = bodyParser<EndpointUpdateBody>({
  type: 'object',
  additionalProperties: false,
  required: ['config'],
  properties: {
    channel: { type: 'string', minLength: 1, maxLength: 40, nullable: true },
    config: { type: 'object', required: [] },
  },
} as JSONSchemaType<EndpointUpdateBody>);

const parseRotate = bodyParser<RotateBody>({
  type: 'object',
  additionalProperties: false,
  properties: { secret: { type: 'string', minLength: 1, maxLength: 200, nullable: true } },
} as JSONSchemaType<RotateBody>);

/** The `:id` of an endpoint route; a malformed one cannot exist. */
function endpointIdOf(req: Request): string {
  const id = paramOf(req, 'id');
  if (!ENDPOINT_ID.test(id)) throw new LeadforgeError('NOT_FOUND', 'endpoint not found');
  return id;
}

function limitOf(req: Request): number {
  const query = queryOf(req);
  onlyParamsOrThrow(query, ['limit']);
  const raw = query['limit'];
  if (raw === undefined) return 50;
  const n = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 500) {
    throw new LeadforgeError('MALFORMED', 'invalid limit', [
      { path: '/limit', message: 'must be a whole number from 1 to 500' },
    ]);
  }
  return n;
}

export const deliveryRoutes: readonly RouteDef[] = [
  {
    method: 'get',
    path: '/api/v1/delivery/channels',
    access: 'admin',
    summary: 'the delivery channels plugins provide, with their configuration schemas (secret fields are writeOnly)',
    async handle({ ctx, req }) {
      noQueryOrThrow(req);
      const { channels } = runtimeDelivery(ctx);
      return {
        body: {
          channels: channels.names().map((name) => {
            const channel = channels.get(name)!;
            return { name, label: channel.label, configSchema: channel.configSchema };
          }),
        },
      };
    },
  },
  {
    method: 'get',
    path: '/api/v1/delivery/endpoints',
    access: 'admin',
    summary: 'delivery endpoints (never their secrets: `secretsSet` names the secret fields that are set)',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: { endpoints: await listEndpointViews(runtimeDelivery(ctx), actor.tenantId) } };
    },
  },
  {
    method: 'post',
    path: '/api/v1/delivery/endpoints',
    access: 'admin',
    summary:
      'create a delivery endpoint { id, channel, config }; the config is checked against the channel schema and the SSRF rules',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      const body = parseNewEndpoint(req.body);
      const endpoint = await createEndpoint(runtimeDelivery(ctx), {
        tenantId: actor.tenantId,
        id: body.id,
        channel: body.channel,
        config: body.config,
      });
      return { status: 201, body: endpoint };
    },
  },
  {
    method: 'get',
    path: '/api/v1/delivery/endpoints/:id',
    access: 'admin',
    summary: 'one delivery endpoint, without its secrets',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      const endpoint = await describeEndpoint(runtimeDelivery(ctx), actor.tenantId, endpointIdOf(req));
      if (!endpoint) throw new LeadforgeError('NOT_FOUND', 'endpoint not found');
      return { body: endpoint };
    },
  },
  {
    method: 'put',
    path: '/api/v1/delivery/endpoints/:id',
    access: 'admin',
    summary: "replace an endpoint's configuration { config, channel? }; secret fields left out keep their values",
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      const id = endpointIdOf(req);
      const body = parseEndpointUpdate(req.body);
      const services = runtimeDelivery(ctx);
      const current = await describeEndpoint(services, actor.tenantId, id);
      if (!current) throw new LeadforgeError('NOT_FOUND', 'endpoint not found');
      const endpoint = await updateEndpoint(services, {
        tenantId: actor.tenantId,
        id,
        channel: body.channel ?? current.channel,
        config: body.config,
      });
      return { body: endpoint };
    },
  },
  {
    method: 'delete',
    path: '/api/v1/delivery/endpoints/:id',
    access: 'admin',
    summary: 'delete a delivery endpoint (its queued deliveries fail; its failed ones are dropped)',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      await removeEndpoint(runtimeDelivery(ctx), actor.tenantId, endpointIdOf(req));
      return { status: 204, body: null };
    },
  },
  {
    method: 'post',
    path: '/api/v1/delivery/endpoints/:id/rotate-secret',
    access: 'admin',
    summary:
      'start a webhook secret rotation { secret? }: the new secret signs alongside the old ones; a generated one is shown only in this answer',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      const id = endpointIdOf(req);
      const body = parseRotate(req.body ?? {});
      return { body: await rotateWebhookSecret(runtimeDelivery(ctx), actor.tenantId, id, body.secret) };
    },
  },
  {
    method: 'post',
    path: '/api/v1/delivery/endpoints/:id/retire-secrets',
    access: 'admin',
    summary: 'end a webhook secret rotation: only the newest secret signs from now on',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      const id = endpointIdOf(req);
      emptyBodyOrThrow(req.body);
      return { body: await retireWebhookSecrets(runtimeDelivery(ctx), actor.tenantId, id) };
    },
  },
  {
    method: 'post',
    path: '/api/v1/delivery/endpoints/:id/enable',
    access: 'admin',
    summary: 're-enable an endpoint a 410 answer disabled',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      const id = endpointIdOf(req);
      emptyBodyOrThrow(req.body);
      return { body: await reenableEndpoint(runtimeDelivery(ctx), actor.tenantId, id) };
    },
  },
  {
    method: 'get',
    path: '/api/v1/delivery/endpoints/:id/deliveries',
    access: 'admin',
    summary:
      "an endpoint's deliveries still in the outbox, newest first: status, attempts, last error, next attempt (?limit=50)",
    async handle({ ctx, req, actor }) {
      const id = endpointIdOf(req);
      const limit = limitOf(req);
      return { body: { deliveries: await endpointDeliveries(runtimeDelivery(ctx), actor.tenantId, id, limit) } };
    },
  },
  {
    method: 'post',
    path: '/api/v1/delivery/endpoints/:id/test',
    access: 'admin',
    summary:
      'send a test message now through the SSRF guard and answer the outcome; a forbidden target is refused with 422',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      const id = endpointIdOf(req);
      emptyBodyOrThrow(req.body);
      return { body: await testEndpoint(runtimeDelivery(ctx), actor.tenantId, id) };
    },
  },
];
