import { definePlugin } from '../../../engine/src/plugins/index.js';
import { webhookSendAction } from './webhookAction.js';
import { webhookChannel } from './webhookChannel.js';

export { webhookSendAction } from './webhookAction.js';
export { type WebhookConfig, webhookBody, webhookChannel, webhookConfigSchema } from './webhookChannel.js';

/** Signed webhooks (Standard Webhooks) as a delivery channel and an automation action. */
export const webhookPlugin = definePlugin({
  name: '@leadforge/plugin-webhook',
  version: '0.1.0',
  setup(api) {
    api.registerChannel!(webhookChannel);
    api.registerAction!(webhookSendAction);
  },
});
