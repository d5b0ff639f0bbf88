import { createHash, randomUUID } from 'node:crypto';
import { type CompiledApp, LeadforgeError, type Problem, type SqlTransaction } from '@leadforge/engine';
import {
  type CaptureInput,
  type PreparedCapture,
  prepareCapture,
  spamSignals,
} from '../../../engine/src/capture/index.js';
import { answerMessage, type CompiledForm, compileForm, type FormView } from '../../../engine/src/forms/index.js';
import type { RuntimeContext } from '../context.js';
import { captchaVerifier } from './captcha/captchaVerifiers.js';
import { type CaptureSuccess, captureInTx, scoreCommitted, writeCapture } from './captureService.js';
import { spendCaptchaToken, storedAnswer } from './captureStore.js';
import { idempotent, requestHash } from './idempotency.js';
import { enqueuePending, type PendingPayload, pendingCount } from './pendingQueue.js';
import { quarantine } from './quarantineStore.js';
import { countSubmission, minuteWindow } from './rateLimits.js';
import { checkRenderToken, signRenderToken } from './renderToken.js';
import type { SubmissionBody } from './submissionBody.js';
import { captureInputOf } from './submissionInput.js';

/** How soon a held submission's captcha is checked again. */
export const HELD_RETRY_MS = 30_000;
const TENANT = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** A form as the tenant's current app version serves it. */
export interface ServedForm {
  readonly tenantId: string;
  readonly app: CompiledApp;
  readonly version: number;
  readonly form: CompiledForm;
}

/** `GET /api/v1/public/forms/:form` body (issue 3 contract). */
export interface PublicFormBody extends FormView {
  readonly appVersion: number;
  readonly renderToken: string;
}

/** The answer of a submission: 201 accepted, 202 queued or held; the body is what the page shows. */
export interface SubmissionAnswer {
  readonly status: 201 | 202;
  readonly body: {
    readonly status: 'accepted' | 'queued' | 'held';
    readonly submissionId: string;
    readonly thankYou: FormView['thankYou'];
  };
}

export interface SubmissionRequest {
  readonly served: ServedForm;
  readonly body: SubmissionBody;
  readonly ip: string;
  readonly locale: string | undefined;
  readonly idempotencyKey: string | undefined;
}

export function tenantOrThrow(value: unknown): string {
  if (value === undefined) return 'default';
  if (typeof value !== 'string' || !TENANT.test(value)) {
    throw new LeadforgeError('MALFORMED', 'tenant must be a tenant id', [
      { path: '/tenant', message: 'is not a tenant id' },
    ]);
  }
  return value;
}

/** The form of the tenant's current app; 404 for an unknown tenant or form (the same answer: nothing leaks). */
export async function servedFormOrThrow(ctx: RuntimeContext, tenantId: string, formId: string): Promise<ServedForm> {
  const published = await ctx.apps.current(tenantId);
  const form = published ? compileForm(published.app, formId) : undefined;
  if (!published || !form) throw new LeadforgeError('NOT_FOUND', 'no such form');
  return { tenantId, app: published.app, version: published.version, form };
}

/** The compiled form for the page, with a fresh render token. */
export async function publicFormBody(
  ctx: RuntimeContext,
  served: ServedForm,
  locale?: string,
): Promise<PublicFormBody> {
  const { view } = served.form;
  const renderToken = await signRenderToken(ctx, served.tenantId, served.form.id, served.version);
  return {
    ...view,
    locale: locale !== undefined && view.locales.includes(locale) ? locale : view.locale,
    appVersion: served.version,
    renderToken,
  };
}

function answer(
  served: ServedForm,
  status: SubmissionAnswer['body']['status'],
  submissionId: string,
): SubmissionAnswer {
  return {
    status: status === 'accepted' ? 201 : 202,
    body: { status, submissionId, thankYou: served.form.view.thankYou },
  };
}

/** Answers problems of the answers and the consent together, in the visitor's language. */
function invalid(problems: readonly Problem[]): LeadforgeError {
  return new LeadforgeError('INVALID', 'some answers need attention', problems);
}

/** What to do with a valid submission once the checks that may store something are done. */
type Action =
  | { readonly kind: 'capture'; readonly prepared: PreparedCapture }
  | { readonly kind: 'queue' | 'hold'; readonly payload: PendingPayload }
  | { readonly kind: 'quarantine'; readonly reasons: readonly string[] };

async function performAction(
  ctx: RuntimeContext,
  tx: SqlTransaction,
  served: ServedForm,
  action: Action,
  submissionId: string,
  input: CaptureInput,
  onCaptured: (success: CaptureSuccess) => void,
): Promise<SubmissionAnswer> {
  const now = ctx.clock.now();
  switch (action.kind) {
    case 'capture':
      onCaptured(
        await captureInTx(ctx, tx, served.tenantId, {
          prepared: action.prepared,
          actorId: null,
          submissionId,
          eventKey: `submission:${submissionId}`,
        }),
      );
      return answer(served, 'accepted', submissionId);
    case 'queue':
      await enqueuePending(tx, served.tenantId, 'queued', action.payload, minuteWindow(now).end, now);
      return answer(served, 'queued', submissionId);
    case 'hold':
      await enqueuePending(tx, served.tenantId, 'held', action.payload, new Date(now.getTime() + HELD_RETRY_MS), now);
      return answer(served, 'held', submissionId);
    case 'quarantine':
      await quarantine(tx, served.tenantId, { submissionId, input }, action.reasons, now);
      // a bot learns nothing: the answer looks like any success
      return answer(served, 'accepted', submissionId);
  }
}

/**
 * A public form submission (issue 3, point 3): honeypot and too-fast fills answer like a success
 * and store nothing; answers are checked like the page checked them (422 in the visitor's
 * language); per-IP and per-form limits answer 429; a captcha is checked once (held when the
 * verifier is down); spam is quarantined; past the tenant's quota the submission waits in the
 * queue (202); otherwise it is captured (201). An Idempotency-Key makes all of it happen once.
 */
export async function submitPublicForm(ctx: RuntimeContext, request: SubmissionRequest): Promise<SubmissionAnswer> {
  const { served, body } = request;
  const { form } = served;
  const locale =
    request.locale !== undefined && form.view.locales.includes(request.locale) ? request.locale : form.view.locale;
  const token = await checkRenderToken(ctx, served.tenantId, form.id, body.renderToken);
  if (!token.ok && token.reason === 'malformed') {
    throw new LeadforgeError('MALFORMED', 'renderToken is not a token this form was served with; reload the form', [
      { path: '/renderToken', message: 'is not valid' },
    ]);
  }
  if (!token.ok) throw invalid([{ path: '/renderToken', message: answerMessage(locale, 'expired') }]);
  const now = ctx.clock.now().getTime();
  const tooFast = now - token.issuedAt < form.protection.minFillMs;
  const trapped = form.protection.honeypot && (body.honeypot ?? '').trim() !== '';
  if (tooFast || trapped) return answer(served, 'accepted', randomUUID());

  const checked = form.validateAnswers(body.answers, locale);
  const problems: Problem[] = checked.ok ? [] : [...checked.problems];
  const consent = form.view.consent;
  if (consent?.required && body.consent?.accepted !== true)
    problems.push({ path: '/consent', message: answerMessage(locale, 'consentRequired') });
  if (form.view.captcha && body.captchaToken === undefined)
    problems.push({ path: '/captchaToken', message: answerMessage(locale, 'captchaRequired') });
  if (!checked.ok || problems.length > 0) throw invalid(problems);
  const input = captureInputOf(served, body, checked.data, token.appVersion, locale);
  const prepared = prepareCapture(served.app, input);
  if (!prepared.ok) {
    const answerFields = new Set(form.answerFields);
    throw invalid(
      prepared.problems.map((p) => {
        const field = p.path.startsWith('/data/') ? p.path.slice('/data/'.length).split('/')[0]! : '';
        return answerFields.has(field) ? { path: `/answers/${field}`, message: p.message } : p;
      }),
    );
  }

  const { overQuota } = countSubmission(ctx, served.tenantId, form, request.ip);
  const idempotency =
    request.idempotencyKey === undefined
      ? undefined
      : { key: `form:${form.id}:${request.idempotencyKey}`, hash: requestHash(body) };
  const submissionId = randomUUID();
  const action = await decide(ctx, served, request, input, prepared.value, submissionId, overQuota, idempotency);
  if (action.kind === 'replay') return action.answer;
  const visitorId = body.hidden.visitorId;
  if (action.kind === 'capture' && idempotency === undefined) {
    // writeCapture scores the new lead right after its write (docs/scoring.md, "Scoring at capture")
    await writeCapture(ctx, served.tenantId, {
      prepared: action.prepared,
      actorId: null,
      submissionId,
      eventKey: `submission:${submissionId}`,
      ...(visitorId !== undefined ? { visitorId } : {}),
    });
    return answer(served, 'accepted', submissionId);
  }
  let captured: CaptureSuccess | undefined;
  const perform = (tx: SqlTransaction) =>
    performAction(ctx, tx, served, action, submissionId, input, (success) => {
      captured = success;
    });
  const answered =
    idempotency !== undefined
      ? await idempotent(ctx, served.tenantId, idempotency.key, idempotency.hash, perform)
      : await ctx.db.transaction(perform);
  // after the commit; never fails the answer (a replay captured nothing here)
  if (captured) await scoreCommitted(ctx, served.tenantId, captured, visitorId);
  return answered;
}

async function decide(
  ctx: RuntimeContext,
  served: ServedForm,
  request: SubmissionRequest,
  input: CaptureInput,
  prepared: PreparedCapture,
  submissionId: string,
  overQuota: boolean,
  idempotency: { readonly key: string; readonly hash: string } | undefined,
): Promise<Action | { readonly kind: 'replay'; readonly answer: SubmissionAnswer }> {
  const { form } = served;
  if (idempotency !== undefined) {
    // a retry of a submission already taken answers as the first did, before a captcha token is spent again
    const earlier = await storedAnswer(ctx.db, served.tenantId, idempotency.key);
    if (earlier) {
      if (earlier.requestHash !== idempotency.hash)
        throw new LeadforgeError('CONFLICT', 'this Idempotency-Key was used for a different request', [
          { path: '/headers/idempotency-key', message: 'was used for a different request' },
        ]);
      return { kind: 'replay', answer: earlier.response as SubmissionAnswer };
    }
  }
  const payload: PendingPayload = {
    submissionId,
    input,
    form: form.id,
    blockedDomains: form.protection.blockedDomains,
    ...(request.body.hidden.visitorId !== undefined ? { visitorId: request.body.hidden.visitorId } : {}),
  };
  const captcha = form.view.captcha;
  if (captcha) {
    const locale = request.locale ?? form.view.locale;
    const token = request.body.captchaToken!;
    const tokenHash = createHash('sha256').update(`${captcha.provider}\u0000${token}`).digest('base64url');
    if (!(await spendCaptchaToken(ctx.db, served.tenantId, tokenHash, ctx.clock.now())))
      throw invalid([{ path: '/captchaToken', message: answerMessage(locale, 'captchaFailed') }]);
    const verifier = captchaVerifier(ctx, captcha.provider);
    const verdict = verifier
      ? await verifier.verify(token, { remoteIp: request.ip, siteKey: captcha.siteKey })
      : ({ outcome: 'unavailable', reason: `no verifier for ${captcha.provider}` } as const);
    if (verdict.outcome === 'failed')
      throw invalid([{ path: '/captchaToken', message: answerMessage(locale, 'captchaFailed') }]);
    if (verdict.outcome === 'unavailable')
      return {
        kind: 'hold',
        payload: {
          ...payload,
          captcha: { provider: captcha.provider, token, siteKey: captcha.siteKey, remoteIp: request.ip },
        },
      };
  }
  const reasons = spamSignals(prepared.policy.object, prepared.data, {
    blockedDomains: form.protection.blockedDomains,
  });
  if (reasons.length > 0) return { kind: 'quarantine', reasons };
  if (overQuota) {
    if ((await pendingCount(ctx.db, served.tenantId)) >= ctx.config.captureQueueCap) {
      const retryAfter = minuteWindow(ctx.clock.now()).retryAfter;
      throw new LeadforgeError(
        'RATE_LIMITED',
        'too many submissions right now; try again shortly',
        [{ path: '', message: `try again in ${retryAfter} seconds` }],
        retryAfter,
      );
    }
    return { kind: 'queue', payload };
  }
  return { kind: 'capture', prepared };
}
