/** What a captcha verifier says about one token. `unavailable`: it could not be asked (the submission is held). */
export type CaptchaVerdict =
  | { readonly outcome: 'passed' }
  | { readonly outcome: 'failed'; readonly reason: string }
  | { readonly outcome: 'unavailable'; readonly reason: string };

/**
 * The captcha port (STYLE.md: a narrow interface where an implementation may be swapped):
 * Turnstile, hCaptcha and reCAPTCHA all check a token server-side; tests stand a local server in
 * for the third party. A verifier never throws: trouble reaching the provider is `unavailable`.
 */
export interface CaptchaVerifier {
  /** The provider a form names in `spamProtection.captcha` ("turnstile", "hcaptcha", "recaptcha"). */
  readonly provider: string;
  verify(token: string, context: { readonly remoteIp: string; readonly siteKey: string }): Promise<CaptchaVerdict>;
}
