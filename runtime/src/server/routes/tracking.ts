import { LeadforgeError } from '@leadforge/engine';
import type { Request, Response } from 'express';
import { originOrThrow, originVerdict } from '../../capture/formOrigins.js';
import { tenantOrThrow } from '../../capture/publicFormService.js';
import type { RuntimeContext } from '../../context.js';
import { trackingSnippet } from '../../tracking/snippet.js';
import { identifyBodyOrThrow, trackBodyOrThrow } from '../../tracking/trackBody.js';
import {
  countTrackingRequest,
  identifyVisitor,
  ruleEventTypes,
  trackEvent,
  trackedAppOrThrow,
  trackingOrigins,
} from '../../tracking/trackService.js';
import { queryOf, type RouteDef } from '../route.js';

const TRACK = '/api/v1/public/track';
const IDENTIFY = '/api/v1/public/identify';

function headerOf(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  if (Array.isArray(value)) throw new LeadforgeError('MALFORMED', `${name} given twice`);
  return value;
}

/** The tenant's app, after the CORS check (headers set first, so an allowed page can read a 4xx). */
async function publishedForRequest(ctx: RuntimeContext, req: Request, res: Response) {
  const { tenant, ...rest } = queryOf(req);
  const unknown = Object.keys(rest);
  if (unknown.length > 0)
    throw new LeadforgeError(
      'MALFORMED',
      'unknown query parameter',
      unknown.map((k) => ({ path: `/${k}`, message: `unknown parameter "${k}"; expected tenant` })),
    );
  const published = await trackedAppOrThrow(ctx, tenantOrThrow(tenant));
  const verdict = originVerdict(trackingOrigins(published), headerOf(req, 'origin'), headerOf(req, 'host'));
  originOrThrow(verdict);
  for (const [name, value] of Object.entries(verdict.headers)) res.setHeader(name, value);
  return published;
}

function bodyLimitOrThrow(ctx: RuntimeContext, req: Request): void {
  const length = Number(headerOf(req, 'content-length') ?? 0);
  if (length > ctx.config.captureBodyLimitBytes)
    throw new LeadforgeError('TOO_LARGE', `an event is at most ${ctx.config.captureBodyLimitBytes} bytes`);
}

const preflight = (path: string): RouteDef => ({
  method: 'options',
  path,
  access: 'public',
  summary: 'CORS preflight for the tracking endpoints: 204 for an origin one of the forms allows, 403 for any other',
  async handle({ ctx, req, res }) {
    await publishedForRequest(ctx, req, res);
    return { status: 204, body: null };
  },
});

export const trackingRoutes: readonly RouteDef[] = [
  {
    method: 'post',
    path: TRACK,
    access: 'public',
    summary:
      'a behaviour event (?tenant=): { eventId, type, at?, url?, properties?, recordId | email | visitorId } → 202 accepted | 200 duplicate | 422 | 429',
    async handle({ ctx, req, res, ip }) {
      const published = await publishedForRequest(ctx, req, res);
      bodyLimitOrThrow(ctx, req);
      countTrackingRequest(ctx, published.tenantId, ip);
      const body = trackBodyOrThrow(req.body, ruleEventTypes(published), ctx.clock.now());
      const answer = await trackEvent(ctx, published, body);
      return { status: answer.status, body: answer.body };
    },
  },
  preflight(TRACK),
  {
    method: 'post',
    path: IDENTIFY,
    access: 'public',
    summary:
      "stitch an anonymous visitor to the lead with this email (?tenant=): { visitorId, email } → 202 (the same answer for any email); the visitor's earlier events then count",
    async handle({ ctx, req, res, ip }) {
      const published = await publishedForRequest(ctx, req, res);
      bodyLimitOrThrow(ctx, req);
      countTrackingRequest(ctx, published.tenantId, ip);
      await identifyVisitor(ctx, published, identifyBodyOrThrow(req.body));
      // the same answer whether or not the email is a lead's: the endpoint is no address oracle
      return { status: 202, body: { status: 'accepted' } };
    },
  },
  preflight(IDENTIFY),
  {
    method: 'get',
    path: '/t.js',
    access: 'public',
    summary: 'the tracking snippet: a visitor id cookie and page views (<script async src="/t.js?tenant=default">)',
    async handle({ res }) {
      res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
      res.setHeader('Cache-Control', 'public, max-age=3600');
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      res.status(200).send(trackingSnippet());
      return undefined;
    },
  },
];
