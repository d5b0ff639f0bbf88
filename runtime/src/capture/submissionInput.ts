import type { CaptureInput } from '../../../engine/src/capture/index.js';
import { jsonLogicTruthy } from '../../../engine/src/rules/index.js';
import type { ServedForm } from './publicFormService.js';
import type { SubmissionBody } from './submissionBody.js';

function labelIn(label: Readonly<Record<string, string>>, locale: string): string {
  return label[locale] ?? Object.values(label)[0] ?? '';
}

/** The hidden fields' values: from the page (UTM, referrer, landing page, named parameters) or their defaults, kept only when valid. */
function hiddenData(served: ServedForm, body: SubmissionBody): Record<string, unknown> {
  const { form, app } = served;
  const object = app.objects[form.object]!;
  const out: Record<string, unknown> = {};
  const fromPage = (from: string): string | undefined => {
    if (from.startsWith('param:')) return body.hidden.params?.[from.slice('param:'.length)];
    return body.hidden[from as Exclude<keyof SubmissionBody['hidden'], 'params'>];
  };
  const candidates: Record<string, unknown> = { ...form.hiddenDefaults };
  for (const { field, from } of form.view.hidden) {
    const value = fromPage(from);
    if (value !== undefined && value !== '') candidates[field] = value;
  }
  for (const [field, value] of Object.entries(candidates)) {
    const max = object.fields[field]?.max ?? 1000;
    const bounded = typeof value === 'string' ? value.trim().slice(0, max) : value;
    if (object.validatePatch({ [field]: bounded }).ok) out[field] = bounded;
  }
  return out;
}

/** A public submission as the capture every channel makes: answers, hidden fields, consent, attribution, clue or lead. */
export function captureInputOf(
  served: ServedForm,
  body: SubmissionBody,
  answers: Record<string, unknown>,
  formVersion: number,
  locale: string,
): CaptureInput {
  const { form, app } = served;
  const object = app.objects[form.object]!;
  const data: Record<string, unknown> = { ...answers, ...hiddenData(served, body) };
  const consent = form.view.consent;
  if (consent && body.consent && object.fields[consent.field]?.type === 'boolean')
    data[consent.field] = body.consent.accepted;
  const h = body.hidden;
  const utm = Object.fromEntries(
    (['source', 'medium', 'campaign', 'term', 'content'] as const)
      .map((k) => [k, h[`utm_${k}`]] as const)
      .filter(([, v]) => v !== undefined),
  );
  let as = form.as;
  if (as === undefined && form.qualifyWhen) {
    const outcome = form.qualifyWhen.evaluate(data, { now: new Date(0) });
    if (outcome.ok && jsonLogicTruthy(outcome.value)) as = 'lead';
  }
  return {
    object: form.object,
    data,
    attribution: {
      channel: form.channel,
      form: form.id,
      formVersion,
      ...(Object.keys(utm).length > 0 ? { utm } : {}),
      ...(h.referrer !== undefined ? { referrer: h.referrer } : {}),
      ...(h.landingPage !== undefined ? { landingPage: h.landingPage } : {}),
      ...(h.params !== undefined && Object.keys(h.params).length > 0 ? { params: h.params } : {}),
    },
    ...(consent && body.consent
      ? {
          consent: {
            accepted: body.consent.accepted,
            version: body.consent.version,
            text: labelIn(consent.text, locale),
          },
        }
      : {}),
    ...(as !== undefined ? { as } : {}),
  };
}
