import type { CaptchaVerdict, CaptchaVerifier } from './types.js';

/** The providers' verify endpoints; all three take `secret`, `response`, `remoteip` and answer `{ success }`. */
export const SITEVERIFY_URLS: Readonly<Record<string, string>> = {
  turnstile: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
  hcaptcha: 'https://api.hcaptcha.com/siteverify',
  recaptcha: 'https://www.google.com/recaptcha/api/siteverify',
};

export interface SiteVerifyOptions {
  readonly provider: string;
  readonly url: string;
  readonly secret: string;
  readonly timeoutMs?: number;
}

/** A verifier for the siteverify protocol: a 2xx JSON answer decides; anything else means the provider is unavailable. */
export function siteVerifyVerifier(options: SiteVerifyOptions): CaptchaVerifier {
  return {
    provider: options.provider,
    async verify(token, context): Promise<CaptchaVerdict> {
      const body = new URLSearchParams({ secret: options.secret, response: token, remoteip: context.remoteIp });
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
        });
      } catch (error) {
        return { outcome: 'unavailable', reason: `verifier unreachable: ${(error as Error).message}` };
      }
      if (!response.ok) return { outcome: 'unavailable', reason: `verifier answered ${response.status}` };
      let answer: { success?: unknown; 'error-codes'?: unknown };
      try {
        answer = (await response.json()) as typeof answer;
      } catch {
        return { outcome: 'unavailable', reason: 'verifier answered something other than JSON' };
      }
      if (answer.success === true) return { outcome: 'passed' };
      const codes = Array.isArray(answer['error-codes']) ? answer['error-codes'].join(', ') : 'rejected';
      return { outcome: 'failed', reason: codes };
    },
  };
}
