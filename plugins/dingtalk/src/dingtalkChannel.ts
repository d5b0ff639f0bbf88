import type { FromSchema } from 'json-schema-to-ts';
import {
  defineChannel,
  messageText,
  outcomeOfRobotResponse,
  outcomeOfTransportError,
} from '../../../engine/src/delivery/index.js';
import { dingtalkMessage } from './dingtalkMessage.js';
import { signedDingtalkUrl } from './dingtalkSign.js';

export const dingtalkConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'secret'],
  properties: {
    url: {
      type: 'string',
      format: 'uri',
      pattern: '^https?://',
      maxLength: 2048,
      writeOnly: true,
      description:
        'the robot webhook address (https://oapi.dingtalk.com/robot/send?access_token=…); the token is a secret',
    },
    secret: {
      type: 'string',
      pattern: '^SEC[0-9a-zA-Z]{16,128}$',
      writeOnly: true,
      description: 'the 加签 secret shown in the robot security settings (starts with SEC)',
    },
    format: { type: 'string', enum: ['text', 'markdown'], default: 'text' },
    atMobiles: { type: 'array', maxItems: 20, items: { type: 'string', pattern: '^\\+?\\d{5,20}$' } },
    isAtAll: { type: 'boolean', default: false },
  },
} as const;

export type DingtalkConfig = FromSchema<typeof dingtalkConfigSchema>;

/** errcode 130101: "send too fast" (20 messages a minute per robot). */
const RATE_LIMITED = [130101];

export const dingtalkChannel = defineChannel<DingtalkConfig>({
  name: 'dingtalk',
  label: { en: 'DingTalk group robot', 'zh-CN': '钉钉群机器人' },
  configSchema: dingtalkConfigSchema,
  targets: (config) => [{ pointer: '/url', url: config.url }],
  async deliver(config, message, io) {
    const body = JSON.stringify(
      dingtalkMessage(config.format ?? 'text', message.subject ?? message.event, messageText(message), {
        atMobiles: config.atMobiles ?? [],
        isAtAll: config.isAtAll ?? false,
      }),
    );
    try {
      const response = await io.request({
        url: signedDingtalkUrl(config.url, config.secret, io.now),
        headers: { 'content-type': 'application/json' },
        body,
      });
      return outcomeOfRobotResponse(response, io.now, RATE_LIMITED);
    } catch (error) {
      return outcomeOfTransportError(error);
    }
  },
});
