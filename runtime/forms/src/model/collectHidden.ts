import type { HiddenSource, HiddenValues } from '../api/types.js';
import type { PageContext } from './pageContext.js';

export const UTM_PARAMS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;

const MAX_VALUE = 500;
const MAX_URL = 2000;

/** C0 controls, DEL and the Unicode line separators: a `%0A` in a link must not make the submission unacceptable. */
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;

function clean(value: string | null, max: number): string | undefined {
  const trimmed = value?.replace(CONTROL, ' ').trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
}

/**
 * The hidden values a submission carries: every UTM parameter of the page, its referrer and landing page
 * (attribution is recorded for every capture, issue 3 point 7), and the named parameters the form asks for.
 */
export function collectHidden(spec: readonly { readonly from: HiddenSource }[], page: PageContext): HiddenValues {
  const hidden: HiddenValues = {};
  for (const name of UTM_PARAMS) {
    const value = clean(page.params.get(name), MAX_VALUE);
    if (value !== undefined) hidden[name] = value;
  }
  const referrer = clean(page.referrer, MAX_URL);
  if (referrer !== undefined) hidden.referrer = referrer;
  const landingPage = clean(page.landingPage, MAX_URL);
  if (landingPage !== undefined) hidden.landingPage = landingPage;
  for (const { from } of spec) {
    if (!from.startsWith('param:')) continue;
    const name = from.slice('param:'.length);
    const value = clean(page.params.get(name), MAX_VALUE);
    if (value === undefined) continue;
    hidden.params = { ...hidden.params, [name]: value };
  }
  return hidden;
}
