import type { FromSchema } from 'json-schema-to-ts';
import {
  defineChannel,
  messageText,
  outcomeOfRobotResponse,
  outcomeOfTransportError,
} from '../../../engine/src/delivery/index.js';
import { wecomMessage } from './wecomMessage.js';

export const wecomConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url'],
  properties: {
    url: {
      type: 'string',
      format: 'uri',
      pattern: '^https?://',
      maxLength: 2048,
      writeOnly: true,
      description:
        'the robot webhook address (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…); the key is a secret',
    },
    format: { type: 'string', enum: ['text', 'markdown'], default: 'text' },
    mentionedMobiles: {
      type: 'array',
      maxItems: 20,
      items: { type: 'string', pattern: '^(\\+?\\d{5,20}|@all)$' },
      description: 'mobile numbers to @-mention (text messages), or "@all"',
    },
  },
} as const;

export type WecomConfig = FromSchema<typeof wecomConfigSchema>;

/** errcode 45009: "api freq out of limit" (20 messages a minute per robot). */
const RATE_LIMITED = [45009];

export const wecomChannel = defineChannel<WecomConfig>({
  name: 'wecom',
  label: { en: 'WeCom group robot', 'zh-CN': '企业微信群机器人' },
  configSchema: wecomConfigSchema,
  targets: (config) => [{ pointer: '/url', url: config.url }],
  async deliver(config, message, io) {
    const body = JSON.stringify(wecomMessage(config.format ?? 'text', messageText(message), config.mentionedMobiles));
    try {
      const response = await io.request({ url: config.url, headers: { 'content-type': 'application/json' }, body });
      return outcomeOfRobotResponse(response, io.now, RATE_LIMITED);
    } catch (error) {
      return outcomeOfTransportError(error);
    }
  },
});
