/** WeCom (企业微信) group-robot message bodies: text up to 2,048 bytes, markdown up to 4,096. */

import { truncateUtf8 } from '../../../engine/src/delivery/index.js';

export type WecomFormat = 'text' | 'markdown';

export type WecomMessage =
  | {
      readonly msgtype: 'text';
      readonly text: { readonly content: string; readonly mentioned_mobile_list?: readonly string[] };
    }
  | { readonly msgtype: 'markdown'; readonly markdown: { readonly content: string } };

export function wecomMessage(
  format: WecomFormat,
  content: string,
  mentionedMobiles: readonly string[] = [],
): WecomMessage {
  if (format === 'markdown') return { msgtype: 'markdown', markdown: { content: truncateUtf8(content, 4096) } };
  const text = { content: truncateUtf8(content, 2048) };
  return {
    msgtype: 'text',
    text: mentionedMobiles.length > 0 ? { ...text, mentioned_mobile_list: mentionedMobiles } : text,
  };
}
