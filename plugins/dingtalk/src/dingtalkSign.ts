import { createHmac } from 'node:crypto';

/**
 * DingTalk's signature for a custom robot with 加签: base64(HMAC-SHA256(key = secret,
 * `${timestamp}\n${secret}`)), timestamp in milliseconds; DingTalk refuses a timestamp more than
 * an hour from its own clock.
 */
export function dingtalkSignature(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** The robot URL with `timestamp` and `sign` added (URL-encoded) to its query. */
export function signedDingtalkUrl(url: string, secret: string, at: Date): string {
  const signed = new URL(url);
  const timestamp = at.getTime();
  signed.searchParams.set('timestamp', String(timestamp));
  signed.searchParams.set('sign', dingtalkSignature(secret, timestamp));
  return signed.toString();
}
