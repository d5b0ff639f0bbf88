/** A captcha service whose widget the form draws; the server checks the token through its verifier plugin. */
export interface CaptchaProvider {
  /** The widget script, loaded in explicit-render mode. */
  readonly script: string;
  /** The global the script defines: `render(element, options) → id` and `reset(id)`, alike for all three. */
  readonly global: 'turnstile' | 'hcaptcha' | 'grecaptcha';
  /** Origins the widget loads scripts, frames and requests from (for the form page's CSP). */
  readonly origins: readonly string[];
}

/** The providers a form may name (`spamProtection.captcha`); reCAPTCHA through recaptcha.net, reachable in China. */
export const CAPTCHA_PROVIDERS: Readonly<Record<string, CaptchaProvider>> = {
  turnstile: {
    script: 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit',
    global: 'turnstile',
    origins: ['https://challenges.cloudflare.com'],
  },
  hcaptcha: {
    script: 'https://js.hcaptcha.com/1/api.js?render=explicit',
    global: 'hcaptcha',
    origins: ['https://hcaptcha.com', 'https://*.hcaptcha.com'],
  },
  recaptcha: {
    script: 'https://www.recaptcha.net/recaptcha/api.js?render=explicit',
    global: 'grecaptcha',
    origins: ['https://www.recaptcha.net', 'https://www.gstatic.com', 'https://www.gstatic.cn'],
  },
};

/** The provider of that name, or null for an unknown one (never an inherited property). */
export function captchaProvider(name: string): CaptchaProvider | null {
  return Object.hasOwn(CAPTCHA_PROVIDERS, name) ? CAPTCHA_PROVIDERS[name]! : null;
}
