import {
  type ActionRegistry,
  type ChannelRegistry,
  createActionRegistry,
  createChannelRegistry,
} from '../../../engine/src/delivery/index.js';
import { installPlugins } from '../../../engine/src/plugins/index.js';
import { createOperatorRegistry } from '../../../engine/src/rules/createOperatorRegistry.js';
import { dingtalkPlugin } from '../../../plugins/dingtalk/src/index.js';
import { emailPlugin } from '../../../plugins/email/src/index.js';
import { webhookPlugin } from '../../../plugins/webhook/src/index.js';
import { wecomPlugin } from '../../../plugins/wecom/src/index.js';
import type { RuntimeContext } from '../context.js';
import { deliveryPolicyFromEnv } from './deliveryPolicy.js';
import type { DeliveryServices } from './endpointService.js';
import { secretKeyringFromEnv } from './secretKeyring.js';

/** The delivery plugins every runtime installs. */
export const DELIVERY_PLUGINS = [webhookPlugin, emailPlugin, wecomPlugin, dingtalkPlugin] as const;

/** The channel and action registries with the four delivery plugins installed. */
export function deliveryRegistries(): { channels: ChannelRegistry; actions: ActionRegistry } {
  const channels = createChannelRegistry();
  const actions = createActionRegistry();
  installPlugins({ operators: createOperatorRegistry({ builtins: false }), channels, actions }, DELIVERY_PLUGINS);
  return { channels, actions };
}

/** What the job worker and the HTTP routes of one runtime share for deliveries. */
export interface RuntimeDelivery extends DeliveryServices {
  readonly actions: ActionRegistry;
}

const byContext = new WeakMap<Pick<RuntimeContext, 'db' | 'clock'>, RuntimeDelivery>();

/**
 * The delivery services of a runtime context: registries with the four plugins, and the policy
 * and keyring from `env` (docs/delivery.md). Made once per context; `leadforge start` and the
 * HTTP routes get the same object.
 */
export function runtimeDelivery(
  ctx: Pick<RuntimeContext, 'db' | 'clock'>,
  env: NodeJS.ProcessEnv = process.env,
): RuntimeDelivery {
  let delivery = byContext.get(ctx);
  if (!delivery) {
    const { channels, actions } = deliveryRegistries();
    delivery = {
      db: ctx.db,
      clock: ctx.clock,
      channels,
      actions,
      policy: deliveryPolicyFromEnv(env),
      keyring: secretKeyringFromEnv(env),
    };
    byContext.set(ctx, delivery);
  }
  return delivery;
}

/** Sets a context's delivery services (tests: a resolver, an allow list, a keyring of their own). */
export function setRuntimeDelivery(
  ctx: Pick<RuntimeContext, 'db' | 'clock'>,
  overrides: Partial<Omit<RuntimeDelivery, 'db' | 'clock'>>,
): RuntimeDelivery {
  const base = runtimeDelivery(ctx);
  const delivery = { ...base, ...overrides };
  byContext.set(ctx, delivery);
  return delivery;
}
