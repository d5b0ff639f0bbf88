import type { FromSchema } from 'json-schema-to-ts';
import { defineAction } from '../../../engine/src/delivery/index.js';

const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['endpoint'],
  properties: {
    endpoint: { type: 'string', minLength: 1, maxLength: 64, description: 'the id of a webhook endpoint' },
  },
} as const;

/** Automation step: POST the event and the record to a webhook endpoint. */
export const webhookSendAction = defineAction<FromSchema<typeof configSchema>>({
  name: 'webhook.send',
  label: { en: 'Call a webhook', 'zh-CN': '调用 Webhook' },
  phase: 'effect',
  configSchema,
  plan: (config, input) => [
    {
      endpointId: config.endpoint,
      message: { id: input.messageId, event: input.event, occurredAt: input.occurredAt, data: input.record },
    },
  ],
});
