import { LeadforgeError } from '@leadforge/engine';
import type { Request, Response } from 'express';
import { type OriginVerdict, originOrThrow, originVerdict } from '../../capture/formOrigins.js';
import { idempotencyKeyOrThrow } from '../../capture/idempotency.js';
import {
  publicFormBody,
  type ServedForm,
  servedFormOrThrow,
  submitPublicForm,
  tenantOrThrow,
} from '../../capture/publicFormService.js';
import { submissionBodyOrThrow } from '../../capture/submissionBody.js';
import type { RuntimeContext } from '../../context.js';
import { paramOf, queryOf, type RouteDef } from '../route.js';

const FORM = '/api/v1/public/forms/:form';
const LOCALE = /^[a-z]{2}(-[A-Z]{2})?$/;

function queryParams(req: Request): { tenant: string; locale: string | undefined } {
  const { tenant, locale, ...rest } = queryOf(req);
  const unknown = Object.keys(rest);
  if (unknown.length > 0)
    throw new LeadforgeError(
      'MALFORMED',
      'unknown query parameter',
      unknown.map((k) => ({ path: `/${k}`, message: `unknown parameter "${k}"; expected tenant, locale` })),
    );
  if (locale !== undefined && (typeof locale !== 'string' || !LOCALE.test(locale)))
    throw new LeadforgeError('MALFORMED', 'locale must be a locale such as en or zh-CN', [
      { path: '/locale', message: 'is not a locale' },
    ]);
  return { tenant: tenantOrThrow(tenant), locale: locale as string | undefined };
}

function headerOf(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  if (Array.isArray(value)) throw new LeadforgeError('MALFORMED', `${name} given twice`);
  return value;
}

/**
 * The form and the CORS answer for this request. CORS headers go on the response before
 * anything else can fail, so a page on an allowed origin can read a 422 or 429 too.
 */
async function servedForRequest(
  ctx: RuntimeContext,
  req: Request,
  res: Response,
): Promise<{ served: ServedForm; verdict: Extract<OriginVerdict, { allowed: true }>; locale: string | undefined }> {
  const { tenant, locale } = queryParams(req);
  const served = await servedFormOrThrow(ctx, tenant, paramOf(req, 'form'));
  const verdict = originVerdict(served.form.protection.allowedOrigins, headerOf(req, 'origin'), headerOf(req, 'host'));
  originOrThrow(verdict);
  for (const [name, value] of Object.entries(verdict.headers)) res.setHeader(name, value);
  return { served, verdict, locale };
}

const preflight = (path: string): RouteDef => ({
  method: 'options',
  path,
  access: 'public',
  summary: 'CORS preflight: 204 with the CORS headers for an allowed origin, 403 for any other',
  async handle({ ctx, req, res }) {
    await servedForRequest(ctx, req, res);
    return { status: 204, body: null };
  },
});

export const publicFormRoutes: readonly RouteDef[] = [
  {
    method: 'get',
    path: FORM,
    access: 'public',
    summary:
      'a capture form for rendering (?tenant=default&locale=): JSON Schema, uiSchema, steps, conditions, hidden fields, consent, thank-you, render token',
    async handle({ ctx, req, res }) {
      const { served, locale } = await servedForRequest(ctx, req, res);
      return { body: await publicFormBody(ctx, served, locale) };
    },
  },
  preflight(FORM),
  {
    method: 'post',
    path: `${FORM}/submissions`,
    access: 'public',
    summary:
      'submit a form: { answers, hidden, consent?, renderToken, honeypot?, captchaToken? } (Idempotency-Key optional) → 201 accepted | 202 queued/held | 422 | 429',
    async handle({ ctx, req, res, ip }) {
      const { served, locale } = await servedForRequest(ctx, req, res);
      const declared = headerOf(req, 'content-length');
      // a chunked body has no length up front: the parser bounded it at the API limit, measure it now
      const length = declared !== undefined ? Number(declared) : Buffer.byteLength(JSON.stringify(req.body ?? null));
      if (length > ctx.config.captureBodyLimitBytes)
        throw new LeadforgeError('TOO_LARGE', `a submission is at most ${ctx.config.captureBodyLimitBytes} bytes`);
      const body = submissionBodyOrThrow(req.body);
      const answer = await submitPublicForm(ctx, {
        served,
        body,
        ip,
        locale,
        idempotencyKey: idempotencyKeyOrThrow(headerOf(req, 'idempotency-key')),
      });
      return { status: answer.status, body: answer.body };
    },
  },
  preflight(`${FORM}/submissions`),
];
