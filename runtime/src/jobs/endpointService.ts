import { type Clock, LeadforgeError, type Problem, type SqlDriver } from '@leadforge/engine';
import {
  type AnyChannel,
  type ChannelRegistry,
  channelConfigProblems,
  checkHost,
  checkTargetUrl,
  type DeliveryMessage,
  type DeliveryOutcome,
  endpointSecretContext,
  forbiddenAddressReason,
  getEndpoint,
  openChannelConfig,
  outcomeOfTransportError,
  redactChannelConfig,
  type SecretKeyring,
  type StoredEndpoint,
  saveEndpoint,
  sealChannelConfig,
  secretFields,
} from '../../../engine/src/delivery/index.js';
import { deliveryIo } from './deliveryIo.js';
import type { DeliveryPolicy } from './deliveryPolicy.js';

/** What the endpoint services need. */
export interface DeliveryServices {
  readonly db: SqlDriver;
  readonly clock: Clock;
  readonly channels: ChannelRegistry;
  readonly policy: DeliveryPolicy;
  readonly keyring: SecretKeyring;
}

/** An endpoint as an API may show it: no secret ever leaves. */
export interface EndpointView {
  readonly id: string;
  readonly channel: string;
  readonly config: Record<string, unknown>;
  /** Which secret fields are set (their values are never returned). */
  readonly secretsSet: readonly string[];
  readonly disabled: { readonly at: string; readonly reason: string | null } | null;
}

export function channelOrThrow(channels: ChannelRegistry, name: string): AnyChannel {
  const channel = channels.get(name);
  if (!channel) {
    throw new LeadforgeError('INVALID', `unknown channel "${name}"`, [
      { path: '/channel', message: `must be one of: ${channels.names().join(', ')}` },
    ]);
  }
  return channel;
}

export function viewOf(channel: AnyChannel, endpoint: StoredEndpoint): EndpointView {
  const { config, secretsSet } = redactChannelConfig(channel, endpoint.config);
  return {
    id: endpoint.id,
    channel: endpoint.channel,
    config,
    secretsSet,
    disabled: endpoint.disabledAt ? { at: endpoint.disabledAt.toISOString(), reason: endpoint.disabledReason } : null,
  };
}

/** Names in the configuration that resolve, right now, to internal addresses (early feedback; connect time decides). */
export async function resolvedProblems(
  services: DeliveryServices,
  channel: AnyChannel,
  config: unknown,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const target of channel.targets(config as Readonly<Record<string, unknown>>)) {
    const allow = services.policy.allowList;
    const checked = 'url' in target ? checkTargetUrl(target.url, allow) : checkHost(target.host, target.port, allow);
    if (!checked.ok || checked.family !== 0 || checked.allowListed) continue;
    const host = checked.host;
    const addresses = await services.policy.resolve(host).catch(() => []);
    for (const { address } of addresses) {
      const reason = forbiddenAddressReason(address);
      if (reason)
        problems.push({ path: `/config${target.pointer}`, message: `${host} resolves to ${address}: ${reason}` });
    }
  }
  return problems;
}

export interface EndpointInput {
  readonly tenantId: string;
  readonly id: string;
  readonly channel: string;
  /** Omitted secret fields keep their stored values (clients never see them, so cannot send them back). */
  readonly config: Readonly<Record<string, unknown>>;
}

/**
 * Creates or updates an endpoint: validates the configuration against the channel's schema and
 * the SSRF rules (with JSON pointers under `/config`), seals its secrets with the current key
 * and stores it. Throws INVALID with every problem found.
 */
export async function configureEndpoint(services: DeliveryServices, input: EndpointInput): Promise<EndpointView> {
  const channel = channelOrThrow(services.channels, input.channel);
  const context = endpointSecretContext(input.tenantId, input.id);
  const existing = await getEndpoint(services.db, input.tenantId, input.id);
  const merged: Record<string, unknown> = { ...input.config };
  if (existing && existing.channel === input.channel) {
    const previous = openChannelConfig(channel, existing.config, services.keyring, context);
    for (const field of secretFields(channel.configSchema)) {
      if (!(field in merged) && field in previous) merged[field] = previous[field];
    }
  }
  const problems = channelConfigProblems(channel, merged, services.policy.allowList, '/config');
  if (problems.length === 0) problems.push(...(await resolvedProblems(services, channel, merged)));
  if (problems.length > 0) {
    throw new LeadforgeError('INVALID', `endpoint "${input.id}" is misconfigured`, problems);
  }
  if (secretFields(channel.configSchema).some((f) => f in merged) && services.keyring.length === 0) {
    throw new LeadforgeError('INVALID', 'secrets cannot be stored: set LEADFORGE_SECRET_KEY (see docs/delivery.md)');
  }
  const sealed = sealChannelConfig(channel, merged, services.keyring, context);
  const stored = await saveEndpoint(
    services.db,
    { tenantId: input.tenantId, id: input.id, channel: input.channel, config: sealed },
    services.clock.now(),
  );
  return viewOf(channel, stored);
}

/** An endpoint without its secrets, or null. */
export async function describeEndpoint(
  services: DeliveryServices,
  tenantId: string,
  id: string,
): Promise<EndpointView | null> {
  const stored = await getEndpoint(services.db, tenantId, id);
  if (!stored) return null;
  return viewOf(channelOrThrow(services.channels, stored.channel), stored);
}

/**
 * The "send test" button: one attempt right now, through the same guard as real deliveries,
 * nothing queued or retried. Answers with the outcome for the admin to read.
 */
export async function sendTestMessage(
  services: DeliveryServices,
  tenantId: string,
  endpointId: string,
  signal?: AbortSignal,
): Promise<DeliveryOutcome> {
  const stored = await getEndpoint(services.db, tenantId, endpointId);
  if (!stored) throw new LeadforgeError('NOT_FOUND', `endpoint "${endpointId}" does not exist`);
  const channel = channelOrThrow(services.channels, stored.channel);
  const config = openChannelConfig(
    channel,
    stored.config,
    services.keyring,
    endpointSecretContext(tenantId, endpointId),
  );
  const now = services.clock.now();
  const message: DeliveryMessage = {
    id: `test_${now.getTime().toString(36)}`,
    event: 'leadforge.test',
    occurredAt: now.toISOString(),
    data: { test: true },
    text: 'Leadforge test message',
    subject: 'Leadforge test message',
  };
  try {
    return await channel.deliver(config, message, deliveryIo(services.policy, services.clock, signal));
  } catch (error) {
    return outcomeOfTransportError(error);
  }
}
