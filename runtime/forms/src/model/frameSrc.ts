import { FRAME_LANDING_PARAM, FRAME_REFERRER_PARAM } from './pageContext.js';

/** Parameters of the form page itself, which a host page's own query must not override. */
const RESERVED = new Set(['embed', 'tenant', 'lang', FRAME_REFERRER_PARAM, FRAME_LANDING_PARAM]);

export interface FrameSrcInput {
  /** The Leadforge server, e.g. `https://leads.example.com`. */
  readonly origin: string;
  readonly form: string;
  readonly tenant: string;
  readonly lang: string | null;
  /** The host page's address and referrer. */
  readonly hostHref: string;
  readonly hostReferrer: string;
}

/**
 * The iframe's address: the form page in frame mode, carrying the host page's query (its UTM parameters and
 * any named parameter the form reads), the host page's address as landing page and its referrer.
 */
export function frameSrc(input: FrameSrcInput): string {
  const url = new URL(`/f/${encodeURIComponent(input.form)}`, input.origin);
  url.searchParams.set('embed', 'iframe');
  url.searchParams.set('tenant', input.tenant);
  if (input.lang) url.searchParams.set('lang', input.lang);
  for (const [name, value] of new URL(input.hostHref).searchParams) {
    if (!RESERVED.has(name)) url.searchParams.append(name, value);
  }
  url.searchParams.set(FRAME_LANDING_PARAM, input.hostHref);
  if (input.hostReferrer) url.searchParams.set(FRAME_REFERRER_PARAM, input.hostReferrer);
  return url.href;
}
