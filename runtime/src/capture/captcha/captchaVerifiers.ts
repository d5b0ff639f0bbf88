import type { RuntimeContext } from '../../context.js';
import { SITEVERIFY_URLS, siteVerifyVerifier } from './siteVerify.js';
import type { CaptchaVerifier } from './types.js';

const registries = new WeakMap<RuntimeContext, Map<string, CaptchaVerifier>>();
/** Verifiers made from the environment: a registered one may replace them. */
const SITEVERIFY_DEFAULT = new WeakSet<CaptchaVerifier>();

/**
 * The verifiers of a runtime: by default, with LEADFORGE_CAPTCHA_SECRET set, the siteverify
 * verifier of each provider (LEADFORGE_CAPTCHA_VERIFY_URL overrides the endpoint).
 */
function registryOf(ctx: RuntimeContext): Map<string, CaptchaVerifier> {
  let registry = registries.get(ctx);
  if (!registry) {
    registry = new Map();
    const secret = process.env['LEADFORGE_CAPTCHA_SECRET'];
    if (secret) {
      for (const [provider, url] of Object.entries(SITEVERIFY_URLS)) {
        const verifier = siteVerifyVerifier({
          provider,
          url: process.env['LEADFORGE_CAPTCHA_VERIFY_URL'] ?? url,
          secret,
        });
        SITEVERIFY_DEFAULT.add(verifier);
        registry.set(provider, verifier);
      }
    }
    registries.set(ctx, registry);
  }
  return registry;
}

/** Installs a verifier for its provider, replacing the default one; a second verifier for one provider throws. */
export function registerCaptchaVerifier(ctx: RuntimeContext, verifier: CaptchaVerifier): void {
  const registry = registryOf(ctx);
  const existing = registry.get(verifier.provider);
  if (existing && !SITEVERIFY_DEFAULT.has(existing)) {
    throw new Error(`a captcha verifier for "${verifier.provider}" is already registered`);
  }
  registry.set(verifier.provider, verifier);
}

/** The verifier for a provider, or undefined when none is configured (submissions are then held). */
export function captchaVerifier(ctx: RuntimeContext, provider: string): CaptchaVerifier | undefined {
  return registryOf(ctx).get(provider);
}
