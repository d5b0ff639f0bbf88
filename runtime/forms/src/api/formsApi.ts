import type { ErrorDetail, PublicForm, SubmissionBody, SubmissionReceipt, ThankYou } from './types.js';

export type LoadOutcome =
  | { readonly kind: 'loaded'; readonly form: PublicForm }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'failed'; readonly message: string };

export type SubmitOutcome =
  | { readonly kind: 'accepted'; readonly receipt: SubmissionReceipt }
  | { readonly kind: 'invalid'; readonly details: readonly ErrorDetail[] }
  | { readonly kind: 'throttled'; readonly retryAfterSeconds: number | null }
  | { readonly kind: 'failed'; readonly message: string };

/** The two public endpoints a capture form talks to. */
export interface FormsApi {
  load(form: string, tenant: string): Promise<LoadOutcome>;
  /** `locale`: the language the visitor saw, for the server's messages and the consent text it stores. */
  submit(
    form: string,
    tenant: string,
    body: SubmissionBody,
    idempotencyKey: string,
    locale: string,
  ): Promise<SubmitOutcome>;
}

async function jsonOf(response: Response): Promise<unknown> {
  return response.json().catch(() => null);
}

function detailsOf(body: unknown): ErrorDetail[] {
  const details = (body as { error?: { details?: unknown } } | null)?.error?.details;
  if (!Array.isArray(details)) return [];
  return details.filter((d): d is ErrorDetail => typeof d?.path === 'string' && typeof d?.message === 'string');
}

function messageOf(body: unknown, fallback: string): string {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? message : fallback;
}

function thankYouOf(body: unknown): ThankYou | null {
  const thankYou = (body as { thankYou?: unknown } | null)?.thankYou;
  if (typeof thankYou !== 'object' || thankYou === null) return null;
  return 'message' in thankYou || 'redirectUrl' in thankYou ? (thankYou as ThankYou) : null;
}

/**
 * The public forms API of the Leadforge server at `origin`. No cookies are sent: the endpoints are public and
 * an embedded form runs on someone else's site.
 */
export function formsApi(origin: string): FormsApi {
  const base = `${origin.replace(/\/$/, '')}/api/v1/public/forms/`;
  const url = (form: string, tenant: string, suffix = '', locale?: string) =>
    `${base}${encodeURIComponent(form)}${suffix}?tenant=${encodeURIComponent(tenant)}` +
    (locale ? `&locale=${encodeURIComponent(locale)}` : '');
  return {
    async load(form, tenant) {
      try {
        const response = await fetch(url(form, tenant), {
          credentials: 'omit',
          headers: { accept: 'application/json' },
        });
        if (response.status === 404) return { kind: 'notFound' };
        const body = await jsonOf(response);
        if (!response.ok) return { kind: 'failed', message: messageOf(body, response.statusText) };
        return { kind: 'loaded', form: body as PublicForm };
      } catch (err) {
        return { kind: 'failed', message: err instanceof Error ? err.message : String(err) };
      }
    },
    async submit(form, tenant, submission, idempotencyKey, locale) {
      let response: Response;
      try {
        response = await fetch(url(form, tenant, '/submissions', locale), {
          method: 'POST',
          credentials: 'omit',
          headers: {
            accept: 'application/json',
            'content-type': 'application/json',
            'idempotency-key': idempotencyKey,
          },
          body: JSON.stringify(submission),
        });
      } catch (err) {
        return { kind: 'failed', message: err instanceof Error ? err.message : String(err) };
      }
      const body = await jsonOf(response);
      if (response.status === 201 || response.status === 202) {
        const status = (body as { status?: unknown } | null)?.status;
        return {
          kind: 'accepted',
          receipt: {
            status: status === 'queued' || status === 'held' ? status : 'accepted',
            thankYou: thankYouOf(body),
          },
        };
      }
      if (response.status === 422) return { kind: 'invalid', details: detailsOf(body) };
      if (response.status === 429) {
        const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
        return { kind: 'throttled', retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : null };
      }
      return { kind: 'failed', message: messageOf(body, response.statusText) };
    },
  };
}
