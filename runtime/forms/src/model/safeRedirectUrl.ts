/**
 * The thank-you redirect as an absolute http(s) address, or null: a `javascript:` or `data:` address from a
 * tampered definition must never run in the visitor's page.
 */
export function safeRedirectUrl(redirectUrl: string, base: string): string | null {
  try {
    const url = new URL(redirectUrl, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
