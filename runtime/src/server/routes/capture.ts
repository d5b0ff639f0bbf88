import type { Request } from 'express';
import { idempotencyKeyOrThrow } from '../../capture/idempotency.js';
import { captureBatch, captureOne } from '../../capture/inboundCapture.js';
import { quarantinedSubmissions, releaseQuarantined } from '../../capture/quarantineService.js';
import { mergeRecords, qualifyRecord, recordCaptureTrail } from '../../capture/recordCapture.js';
import { envelopeOrThrow } from '../../records/recordInput.js';
import { noQueryOrThrow, paramOf, queryOf, type RouteDef } from '../route.js';

function idempotencyKeyOf(req: Request): string | undefined {
  return idempotencyKeyOrThrow(req.headers['idempotency-key']);
}

export const captureRoutes: readonly RouteDef[] = [
  {
    method: 'post',
    path: '/api/v1/capture/:object',
    access: 'user',
    summary:
      'capture one record (inbound API with a token, manual entry in a session): { data, attribution?, consent?, as? } → 201 created | 200 merged',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      const { status, outcome } = await captureOne(ctx, actor, paramOf(req, 'object'), req.body, idempotencyKeyOf(req));
      return { status, body: outcome };
    },
  },
  {
    method: 'post',
    path: '/api/v1/capture/:object/batch',
    access: 'user',
    summary: 'capture up to 500 records: { items: [{ data, attribution?, consent?, as? }] } → per-item outcomes',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: await captureBatch(ctx, actor, paramOf(req, 'object'), req.body, idempotencyKeyOf(req)) };
    },
  },
  {
    method: 'post',
    path: '/api/v1/capture/:object/:id/qualify',
    access: 'user',
    summary: 'qualify a clue into a lead (status clue → lead, recorded in history and as a lead.qualified event)',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      envelopeOrThrow(req.body ?? {}, []);
      return { body: await qualifyRecord(ctx, actor, paramOf(req, 'object'), paramOf(req, 'id')) };
    },
  },
  {
    method: 'post',
    path: '/api/v1/records/:object/:id/merge',
    access: 'user',
    summary: 'merge another record into this one: { from: id }; both histories and all events are kept',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      const body = envelopeOrThrow(req.body, ['from']);
      return { body: await mergeRecords(ctx, actor, paramOf(req, 'object'), paramOf(req, 'id'), body.from) };
    },
  },
  {
    method: 'get',
    path: '/api/v1/records/:object/:id/attribution',
    access: 'user',
    summary: "where a record came from: channel, form, UTM, referrer, first and last touch, and the record's events",
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: await recordCaptureTrail(ctx, actor, paramOf(req, 'object'), paramOf(req, 'id')) };
    },
  },
  {
    method: 'get',
    path: '/api/v1/capture/quarantine',
    access: 'admin',
    summary: 'quarantined submissions (heuristic spam), newest first (?limit=100&released=exclude|include)',
    async handle({ ctx, req, actor }) {
      return { body: { submissions: await quarantinedSubmissions(ctx, actor, queryOf(req)) } };
    },
  },
  {
    method: 'post',
    path: '/api/v1/capture/quarantine/:id/release',
    access: 'admin',
    summary: 'release a quarantined submission: it runs the normal capture',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      envelopeOrThrow(req.body ?? {}, []);
      return { body: await releaseQuarantined(ctx, actor, paramOf(req, 'id')) };
    },
  },
];
