import { outcomeOfHttpResponse } from './httpOutcome.js';
import type { DeliveryOutcome, HttpResponse } from './types.js';

const RATE_LIMIT_WAIT_MS = 60_000;

/**
 * Group robots (WeCom, DingTalk) answer HTTP 200 with `{ "errcode": 0, "errmsg": "ok" }` on
 * success and a non-zero errcode otherwise. A rate-limit code is retried after a minute; any
 * other code is retried on the usual schedule (the admin may fix a keyword or a secret).
 */
export function outcomeOfRobotResponse(
  response: HttpResponse,
  now: Date,
  rateLimitCodes: readonly number[],
): DeliveryOutcome {
  if (response.status < 200 || response.status >= 300) return outcomeOfHttpResponse(response, now);
  let answer: { errcode?: unknown; errmsg?: unknown };
  try {
    answer = JSON.parse(response.body) as typeof answer;
  } catch {
    return { status: 'retry', error: `the robot answered HTTP ${response.status} with a body that is not JSON` };
  }
  if (answer.errcode === 0) return { status: 'delivered', detail: String(answer.errmsg ?? 'ok') };
  const error = `robot errcode ${String(answer.errcode)}: ${String(answer.errmsg ?? '')}`;
  if (typeof answer.errcode === 'number' && rateLimitCodes.includes(answer.errcode)) {
    return { status: 'retry', error, retryAfterMs: RATE_LIMIT_WAIT_MS };
  }
  return { status: 'retry', error };
}

/** Cuts text to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (used + size > maxBytes - 3) break;
    out += char;
    used += size;
  }
  return `${out}…`;
}

/** The text a robot or email shows for a message without its own text. */
export function messageText(message: {
  readonly text?: string;
  readonly event: string;
  readonly occurredAt: string;
}): string {
  return message.text ?? `Leadforge: ${message.event} at ${message.occurredAt}`;
}
