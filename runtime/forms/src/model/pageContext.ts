/** Where the form is shown: the hosted page, inside an iframe, or mounted into a host page by the script. */
export type FormMode = 'page' | 'framed' | 'script';

/** The visitor's page as attribution sees it: its query, where the visitor came from, and where they landed. */
export interface PageContext {
  readonly params: URLSearchParams;
  readonly referrer: string;
  readonly landingPage: string;
}

/** Query parameters the iframe host snippet adds to carry the host page's referrer and address. */
export const FRAME_REFERRER_PARAM = 'lf_referrer';
export const FRAME_LANDING_PARAM = 'lf_landing';

/**
 * The attribution context of the page the visitor is on. The hosted page and the script embed read their own
 * window (for the script, the host page's). Inside an iframe the window is ours, so the host page's address and
 * referrer come from the parameters the host snippet put in the iframe's address; without the snippet the
 * frame's referrer (the host page) is the best landing page we know, and the visitor's referrer is unknown.
 */
export function pageContext(mode: FormMode, href: string, referrer: string): PageContext {
  const url = new URL(href);
  const params = url.searchParams;
  if (mode !== 'framed') return { params, referrer, landingPage: href };
  return {
    params,
    referrer: params.get(FRAME_REFERRER_PARAM) ?? '',
    landingPage: params.get(FRAME_LANDING_PARAM) ?? referrer,
  };
}
