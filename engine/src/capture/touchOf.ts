import type { CaptureAttribution, Touch } from './types.js';

/** The attribution of one capture as a touch at `now`, without empty parts. */
export function touchOf(attribution: CaptureAttribution, now: Date): Touch {
  const utm = Object.fromEntries(
    Object.entries(attribution.utm ?? {}).filter(([, v]) => typeof v === 'string' && v !== ''),
  );
  const params = attribution.params ?? {};
  return {
    at: now.toISOString(),
    channel: attribution.channel,
    ...(attribution.form !== undefined ? { form: attribution.form } : {}),
    ...(attribution.formVersion !== undefined ? { formVersion: attribution.formVersion } : {}),
    ...(Object.keys(utm).length > 0 ? { utm } : {}),
    ...(attribution.referrer ? { referrer: attribution.referrer } : {}),
    ...(attribution.landingPage ? { landingPage: attribution.landingPage } : {}),
    ...(Object.keys(params).length > 0 ? { params: { ...params } } : {}),
  };
}
