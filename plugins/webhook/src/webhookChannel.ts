import type { FromSchema } from 'json-schema-to-ts';
import {
  defineChannel,
  isWebhookSecret,
  outcomeOfHttpResponse,
  outcomeOfTransportError,
  signWebhook,
} from '../../../engine/src/delivery/index.js';

export const webhookConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'secrets'],
  properties: {
    url: {
      type: 'string',
      format: 'uri',
      pattern: '^https?://',
      maxLength: 2048,
      description: 'the http(s) URL that receives a POST per event',
    },
    secrets: {
      type: 'array',
      minItems: 1,
      maxItems: 5,
      items: { type: 'string', pattern: '^whsec_[A-Za-z0-9+/]{32,88}={0,2}$' },
      writeOnly: true,
      description: 'signing secrets ("whsec_" + base64); every one signs, so add the new one before removing the old',
    },
  },
} as const;

export type WebhookConfig = FromSchema<typeof webhookConfigSchema>;

/** The body of a webhook: the Standard Webhooks payload shape. */
export function webhookBody(event: string, occurredAt: string, data: unknown): string {
  return JSON.stringify({ type: event, timestamp: occurredAt, data });
}

/**
 * Standard Webhooks: a JSON POST with `webhook-id` (the message id, the same on every retry),
 * `webhook-timestamp` and `webhook-signature` (one `v1,` signature per active secret).
 */
export const webhookChannel = defineChannel<WebhookConfig>({
  name: 'webhook',
  label: { en: 'Webhook', 'zh-CN': 'Webhook 回调' },
  configSchema: webhookConfigSchema,
  targets: (config) => [{ pointer: '/url', url: config.url }],
  async deliver(config, message, io) {
    const secrets = config.secrets.filter(isWebhookSecret);
    if (secrets.length === 0) return { status: 'rejected', error: 'the endpoint has no usable signing secret' };
    const body = webhookBody(message.event, message.occurredAt, message.data);
    try {
      const response = await io.request({
        url: config.url,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Leadforge-Webhooks/0.1',
          ...signWebhook(message.id, io.now, body, secrets),
        },
        body,
      });
      return outcomeOfHttpResponse(response, io.now);
    } catch (error) {
      return outcomeOfTransportError(error);
    }
  },
});
