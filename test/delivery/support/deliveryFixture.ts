import { randomBytes } from 'node:crypto';
import type { Clock, SqlDriver } from '@leadforge/engine';
import {
  type AllowList,
  createActionRegistry,
  createChannelRegistry,
  type DeliveryMessage,
  endpointSecretContext,
  enqueueDelivery,
  parseAllowList,
  parseSecretKey,
  type SecretKeyring,
  saveEndpoint,
  sealChannelConfig,
  webhookSecretFromBytes,
} from '../../../engine/src/delivery/index.js';
import { installPlugins } from '../../../engine/src/plugins/index.js';
import { createOperatorRegistry } from '../../../engine/src/rules/createOperatorRegistry.js';
import { dingtalkPlugin } from '../../../plugins/dingtalk/src/index.js';
import { emailPlugin } from '../../../plugins/email/src/index.js';
import { webhookPlugin } from '../../../plugins/webhook/src/index.js';
import { wecomPlugin } from '../../../plugins/wecom/src/index.js';
import {
  createJobRunner,
  type DeliveryPolicy,
  type DeliveryServices,
  deliveryPolicy,
  type JobWorkerOptions,
} from '../../../runtime/src/jobs/index.js';

/** The four delivery plugins installed the way the runtime installs them. */
export function installedChannels() {
  const channels = createChannelRegistry();
  const actions = createActionRegistry();
  installPlugins({ operators: createOperatorRegistry({ builtins: false }), channels, actions }, [
    webhookPlugin,
    emailPlugin,
    wecomPlugin,
    dingtalkPlugin,
  ]);
  return { channels, actions };
}

/** A fresh keyring, as if LEADFORGE_SECRET_KEY were set for this test run. */
export function aKeyring(): SecretKeyring {
  return [parseSecretKey(randomBytes(32).toString('base64'))];
}

export function aWebhookSecret(): string {
  return webhookSecretFromBytes(randomBytes(32));
}

export interface DeliveryFixture {
  readonly services: DeliveryServices;
  /** Stores an endpoint without the save-time checks (as if DNS changed after it was saved). */
  saveRaw(tenantId: string, id: string, channel: string, config: Record<string, unknown>): Promise<void>;
  enqueue(tenantId: string, endpointId: string, message: Partial<DeliveryMessage> & { id: string }): Promise<void>;
  worker(options?: Partial<Omit<JobWorkerOptions, 'db' | 'clock' | 'handlers'>>): ReturnType<typeof createJobRunner>;
}

export function deliveryFixture(
  db: SqlDriver,
  clock: Clock,
  policy: Partial<DeliveryPolicy> & { allow?: string } = {},
  random: () => number = () => 0.5,
): DeliveryFixture {
  const { channels } = installedChannels();
  const allowList: AllowList = policy.allow !== undefined ? parseAllowList(policy.allow) : (policy.allowList ?? []);
  const services: DeliveryServices = {
    db,
    clock,
    channels,
    policy: deliveryPolicy({ ...policy, allowList }),
    keyring: aKeyring(),
  };
  return {
    services,
    async saveRaw(tenantId, id, channel, config) {
      const definition = channels.get(channel)!;
      const sealed = sealChannelConfig(definition, config, services.keyring, endpointSecretContext(tenantId, id));
      await saveEndpoint(db, { tenantId, id, channel, config: sealed }, clock.now());
    },
    async enqueue(tenantId, endpointId, message) {
      const now = clock.now();
      await db.transaction((tx) =>
        enqueueDelivery(
          tx,
          {
            tenantId,
            endpointId,
            message: { event: 'lead.created', occurredAt: now.toISOString(), data: { n: message.id }, ...message },
          },
          now,
        ),
      );
    },
    worker: (options = {}) =>
      createJobRunner({
        db,
        clock,
        channels,
        policy: services.policy,
        keyring: services.keyring,
        random,
        worker: options,
      }),
  };
}
