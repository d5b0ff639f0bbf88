import { truncateUtf8 } from '../../../engine/src/delivery/index.js';

/** DingTalk group-robot message bodies (text or markdown, with @-mentions by mobile number). */

export type DingtalkFormat = 'text' | 'markdown';

export interface DingtalkAt {
  readonly atMobiles: readonly string[];
  readonly isAtAll: boolean;
}

export type DingtalkMessage =
  | { readonly msgtype: 'text'; readonly text: { readonly content: string }; readonly at: DingtalkAt }
  | {
      readonly msgtype: 'markdown';
      readonly markdown: { readonly title: string; readonly text: string };
      readonly at: DingtalkAt;
    };

const MAX_BYTES = 20_000;

export function dingtalkMessage(
  format: DingtalkFormat,
  title: string,
  content: string,
  at: DingtalkAt = { atMobiles: [], isAtAll: false },
): DingtalkMessage {
  // a mention only notifies when the number also appears in the text
  const mentions = at.atMobiles.map((m) => `@${m}`).join(' ');
  const body = truncateUtf8(mentions ? `${content} ${mentions}` : content, MAX_BYTES);
  if (format === 'markdown')
    return { msgtype: 'markdown', markdown: { title: truncateUtf8(title, 200), text: body }, at };
  return { msgtype: 'text', text: { content: body }, at };
}
