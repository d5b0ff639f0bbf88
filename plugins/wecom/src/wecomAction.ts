import type { FromSchema } from 'json-schema-to-ts';
import { defineAction, fillTemplate, labelText } from '../../../engine/src/delivery/index.js';

const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['endpoint', 'text'],
  properties: {
    endpoint: { type: 'string', minLength: 1, maxLength: 64, description: 'the id of a WeCom robot endpoint' },
    text: {
      type: 'object',
      minProperties: 1,
      additionalProperties: { type: 'string', maxLength: 4000 },
      description: 'message per locale; {{field}} inserts a field of the record',
    },
  },
} as const;

/** Automation step: post a message to a WeCom group. */
export const wecomNotifyAction = defineAction<FromSchema<typeof configSchema>>({
  name: 'wecom.notify',
  label: { en: 'Notify a WeCom group', 'zh-CN': '通知企业微信群' },
  phase: 'effect',
  configSchema,
  plan: (config, input) => [
    {
      endpointId: config.endpoint,
      message: {
        id: input.messageId,
        event: input.event,
        occurredAt: input.occurredAt,
        data: input.record,
        text: fillTemplate(labelText(config.text, input.locale), input.record),
      },
    },
  ],
});
