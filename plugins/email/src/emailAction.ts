import type { FromSchema } from 'json-schema-to-ts';
import { defineAction, fillTemplate, labelText } from '../../../engine/src/delivery/index.js';

const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['endpoint', 'subject', 'body'],
  properties: {
    endpoint: { type: 'string', minLength: 1, maxLength: 64, description: 'the id of an email (SMTP) endpoint' },
    to: {
      type: 'array',
      maxItems: 50,
      items: { type: 'string', minLength: 1, maxLength: 320 },
      description: 'addresses, or {{field}} of the record (e.g. "{{email}}"); default: the endpoint\'s recipients',
    },
    subject: { type: 'object', minProperties: 1, additionalProperties: { type: 'string', maxLength: 300 } },
    body: { type: 'object', minProperties: 1, additionalProperties: { type: 'string', maxLength: 20000 } },
  },
} as const;

/** Automation step: send an email through an SMTP endpoint. */
export const emailSendAction = defineAction<FromSchema<typeof configSchema>>({
  name: 'email.send',
  label: { en: 'Send an email', 'zh-CN': '发送邮件' },
  phase: 'effect',
  configSchema,
  plan(config, input) {
    const to = (config.to ?? []).map((t) => fillTemplate(t, input.record)).filter((t) => t !== '');
    return [
      {
        endpointId: config.endpoint,
        message: {
          id: input.messageId,
          event: input.event,
          occurredAt: input.occurredAt,
          data: input.record,
          subject: fillTemplate(labelText(config.subject, input.locale), input.record),
          text: fillTemplate(labelText(config.body, input.locale), input.record),
          ...(to.length > 0 ? { to } : {}),
        },
      },
    ];
  },
});
