import { randomBytes } from 'node:crypto';
import { LeadforgeError } from '@leadforge/engine';
import {
  type ConnectTarget,
  channelConfigProblems,
  type DeliveryMessage,
  type DeliveryOutcome,
  DeliveryTransportError,
  deleteEndpoint,
  deleteFailedDeliveries,
  enableEndpoint,
  endpointSecretContext,
  getEndpoint,
  type HttpRequest,
  listEndpointDeliveries,
  listEndpoints,
  openChannelConfig,
  type QueuedDelivery,
  type StoredEndpoint,
  webhookSecretFromBytes,
} from '../../../engine/src/delivery/index.js';
import { deliveryIo } from './deliveryIo.js';
import {
  channelOrThrow,
  configureEndpoint,
  type DeliveryServices,
  type EndpointInput,
  type EndpointView,
  resolvedProblems,
  viewOf,
} from './endpointService.js';

// What the admin routes (runtime/src/server/routes/delivery.ts) do with endpoints, on top of
// configureEndpoint: create-or-conflict, update-or-404, rotation, re-enabling, the outbox view
// and the "send test" button.

async function storedOrThrow(services: DeliveryServices, tenantId: string, id: string): Promise<StoredEndpoint> {
  const stored = await getEndpoint(services.db, tenantId, id);
  if (!stored) throw new LeadforgeError('NOT_FOUND', `endpoint "${id}" does not exist`);
  return stored;
}

function openOrThrow(services: DeliveryServices, stored: StoredEndpoint): Record<string, unknown> {
  const channel = channelOrThrow(services.channels, stored.channel);
  try {
    return openChannelConfig(
      channel,
      stored.config,
      services.keyring,
      endpointSecretContext(stored.tenantId, stored.id),
    );
  } catch (error) {
    throw new LeadforgeError(
      'INVALID',
      `the secrets of endpoint "${stored.id}" cannot be opened with the current keys (LEADFORGE_SECRET_KEY): ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}

/** Creates an endpoint; CONFLICT when the id is taken. */
export async function createEndpoint(services: DeliveryServices, input: EndpointInput): Promise<EndpointView> {
  if (await getEndpoint(services.db, input.tenantId, input.id)) {
    throw new LeadforgeError('CONFLICT', `endpoint "${input.id}" already exists`, [
      { path: '/id', message: 'is taken' },
    ]);
  }
  return configureEndpoint(services, input);
}

/** Replaces an endpoint's configuration (omitted secrets are kept); NOT_FOUND when it does not exist. */
export async function updateEndpoint(services: DeliveryServices, input: EndpointInput): Promise<EndpointView> {
  await storedOrThrow(services, input.tenantId, input.id);
  return configureEndpoint(services, input);
}

export async function listEndpointViews(services: DeliveryServices, tenantId: string): Promise<EndpointView[]> {
  const stored = await listEndpoints(services.db, tenantId);
  return stored.map((endpoint) => viewOf(channelOrThrow(services.channels, endpoint.channel), endpoint));
}

/** Deletes an endpoint and its failed deliveries; queued ones fail on their next attempt. */
export async function removeEndpoint(services: DeliveryServices, tenantId: string, id: string): Promise<void> {
  const removed = await services.db.transaction(async (tx) => {
    const gone = await deleteEndpoint(tx, tenantId, id);
    if (gone) await deleteFailedDeliveries(tx, tenantId, id);
    return gone;
  });
  if (!removed) throw new LeadforgeError('NOT_FOUND', `endpoint "${id}" does not exist`);
}

/** Re-enables an endpoint a 410 disabled (after the receiver was fixed). */
export async function reenableEndpoint(
  services: DeliveryServices,
  tenantId: string,
  id: string,
): Promise<EndpointView> {
  await storedOrThrow(services, tenantId, id);
  await enableEndpoint(services.db, tenantId, id, services.clock.now());
  const stored = await storedOrThrow(services, tenantId, id);
  return viewOf(channelOrThrow(services.channels, stored.channel), stored);
}

/** Most signing secrets a webhook endpoint holds at once (the webhook plugin's schema says 5). */
const MAX_WEBHOOK_SECRETS = 5;

/**
 * Starts a webhook secret rotation: `secret` (or a generated one) becomes the newest secret and
 * the old ones keep signing, so receivers holding either verify every message. Answers the
 * secret only when it was generated here — the one time it is shown.
 */
export async function rotateWebhookSecret(
  services: DeliveryServices,
  tenantId: string,
  id: string,
  secret: string | undefined,
): Promise<{ endpoint: EndpointView; secret?: string }> {
  const stored = await storedOrThrow(services, tenantId, id);
  if (stored.channel !== 'webhook') {
    throw new LeadforgeError(
      'INVALID',
      `endpoint "${id}" is a ${stored.channel} endpoint; only webhooks have signing secrets to rotate`,
    );
  }
  const config = openOrThrow(services, stored);
  const previous = Array.isArray(config['secrets']) ? (config['secrets'] as string[]) : [];
  if (previous.length >= MAX_WEBHOOK_SECRETS) {
    throw new LeadforgeError('INVALID', `endpoint "${id}" already has ${previous.length} secrets`, [
      { path: '/secret', message: `retire the old secrets first (at most ${MAX_WEBHOOK_SECRETS})` },
    ]);
  }
  const fresh = secret ?? webhookSecretFromBytes(randomBytes(32));
  if (previous.includes(fresh)) {
    throw new LeadforgeError('INVALID', 'that secret is already in use', [
      { path: '/secret', message: 'is already one of the endpoint’s secrets' },
    ]);
  }
  const endpoint = await configureEndpoint(services, {
    tenantId,
    id,
    channel: stored.channel,
    config: { ...config, secrets: [fresh, ...previous] },
  }).catch((error: unknown) => {
    // the only new value is the secret: point schema problems about it at the body's field
    if (error instanceof LeadforgeError && error.details.some((d) => d.path.startsWith('/config/secrets'))) {
      throw new LeadforgeError('INVALID', 'the secret is malformed', [
        { path: '/secret', message: 'must be "whsec_" followed by base64 of 24 to 64 bytes' },
      ]);
    }
    throw error;
  });
  return secret === undefined ? { endpoint, secret: fresh } : { endpoint };
}

/** Ends a rotation: keeps only the newest signing secret. */
export async function retireWebhookSecrets(
  services: DeliveryServices,
  tenantId: string,
  id: string,
): Promise<EndpointView> {
  const stored = await storedOrThrow(services, tenantId, id);
  if (stored.channel !== 'webhook') {
    throw new LeadforgeError(
      'INVALID',
      `endpoint "${id}" is a ${stored.channel} endpoint; only webhooks have signing secrets`,
    );
  }
  const config = openOrThrow(services, stored);
  const secrets = Array.isArray(config['secrets']) ? (config['secrets'] as string[]) : [];
  return configureEndpoint(services, {
    tenantId,
    id,
    channel: stored.channel,
    config: { ...config, secrets: secrets.slice(0, 1) },
  });
}

export async function endpointDeliveries(
  services: DeliveryServices,
  tenantId: string,
  id: string,
  limit: number,
): Promise<QueuedDelivery[]> {
  await storedOrThrow(services, tenantId, id);
  return listEndpointDeliveries(services.db, tenantId, id, limit);
}

/** What "send test" answers when the target was reached (or could not be, for an ordinary reason). */
export interface TestResult {
  readonly delivered: boolean;
  readonly outcome: DeliveryOutcome;
}

function pointerFor(
  targets: readonly ({ pointer: string; url: string } | { pointer: string; host: string; port: number })[],
  attempted: string | null,
): string {
  const match = targets.find((t) => attempted !== null && ('url' in t ? t.url === attempted : t.host === attempted));
  return `/config${(match ?? targets[0])?.pointer ?? ''}`;
}

/**
 * The "send test" button: refuses (INVALID, naming the configuration pointer) a destination the
 * SSRF rules forbid now — literal addresses, names resolving inside, and whatever the guard
 * refuses at connect time — and otherwise makes one attempt through the same guarded I/O as real
 * deliveries, nothing queued or retried, answering the outcome.
 */
export async function testEndpoint(
  services: DeliveryServices,
  tenantId: string,
  id: string,
  signal?: AbortSignal,
): Promise<TestResult> {
  const stored = await storedOrThrow(services, tenantId, id);
  const channel = channelOrThrow(services.channels, stored.channel);
  const config = openOrThrow(services, stored);
  const problems = channelConfigProblems(channel, config, services.policy.allowList, '/config');
  if (problems.length === 0) problems.push(...(await resolvedProblems(services, channel, config)));
  if (problems.length > 0) {
    throw new LeadforgeError('INVALID', `endpoint "${id}" points at a target that is not allowed`, problems);
  }
  const now = services.clock.now();
  const message: DeliveryMessage = {
    id: `test_${now.getTime().toString(36)}${randomBytes(4).toString('hex')}`,
    event: 'leadforge.test',
    occurredAt: now.toISOString(),
    data: { test: true, endpoint: id },
    text: 'Leadforge test message',
    subject: 'Leadforge test message',
  };
  const io = deliveryIo(services.policy, services.clock, signal);
  let refused: DeliveryTransportError | null = null;
  let attempted: string | null = null;
  const watch = <T>(target: string, run: () => Promise<T>): Promise<T> => {
    attempted = target;
    return run().catch((error: unknown) => {
      if (
        error instanceof DeliveryTransportError &&
        (error.failure === 'forbidden-target' || error.failure === 'invalid-target')
      )
        refused = error;
      throw error;
    });
  };
  const watched = {
    ...io,
    request: (request: HttpRequest) => watch(request.url, () => io.request(request)),
    connect: (target: ConnectTarget) => watch(target.host, () => io.connect(target)),
  };
  let outcome: DeliveryOutcome;
  try {
    outcome = await channel.deliver(config, message, watched);
  } catch (error) {
    if (error instanceof DeliveryTransportError) outcome = { status: 'retry', error: error.message };
    else throw error;
  }
  const refusal = refused as DeliveryTransportError | null;
  if (refusal) {
    throw new LeadforgeError('INVALID', `endpoint "${id}" points at a target that is not allowed`, [
      { path: pointerFor(channel.targets(config), attempted), message: refusal.message },
    ]);
  }
  return { delivered: outcome.status === 'delivered', outcome };
}
