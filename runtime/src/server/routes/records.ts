import { LeadforgeError } from '@leadforge/engine';
import { csvLine } from '../../records/csv.js';
import type { ListQuery } from '../../records/listQuery.js';
import { listQueryFromBodyOrThrow, listQueryFromParamsOrThrow } from '../../records/listQuery.js';
import { envelopeOrThrow, onlyParamsOrThrow } from '../../records/recordInput.js';
import {
  countRecords,
  createRecord,
  deleteRecord,
  exportRecords,
  getRecord,
  listRecords,
  recordHistory,
  restoreRecord,
  searchRecords,
  updateRecord,
} from '../../records/recordService.js';
import { paramOf, queryOf, type RouteDef } from '../route.js';

const BASE = '/api/v1/records/:object';

function fieldsParam(query: Record<string, unknown>): readonly string[] | undefined {
  return listQueryFromParamsOrThrow(query).fields;
}

export const recordRoutes: readonly RouteDef[] = [
  {
    method: 'get',
    path: BASE,
    access: 'user',
    summary: 'list records: ?filter={json}&sort=-createdAt&limit=50&cursor=…&fields=a,b&deleted=exclude|include|only',
    async handle({ ctx, req, actor }) {
      const query = queryOf(req);
      onlyParamsOrThrow(query, ['filter', 'sort', 'limit', 'cursor', 'fields', 'deleted']);
      return { body: await listRecords(ctx, actor, paramOf(req, 'object'), listQueryFromParamsOrThrow(query)) };
    },
  },
  {
    method: 'post',
    path: `${BASE}/query`,
    access: 'user',
    summary: 'list records with the query in a JSON body { filter, sort, limit, cursor, fields, deleted }',
    async handle({ ctx, req, actor }) {
      onlyParamsOrThrow(queryOf(req), []);
      return { body: await listRecords(ctx, actor, paramOf(req, 'object'), listQueryFromBodyOrThrow(req.body)) };
    },
  },
  {
    method: 'get',
    path: `${BASE}/count`,
    access: 'user',
    summary: 'count records matching ?filter={json}',
    async handle({ ctx, req, actor }) {
      const query = queryOf(req);
      onlyParamsOrThrow(query, ['filter', 'deleted']);
      const count = await countRecords(ctx, actor, paramOf(req, 'object'), listQueryFromParamsOrThrow(query));
      return { body: { count } };
    },
  },
  {
    method: 'get',
    path: `${BASE}/search`,
    access: 'user',
    summary: 'search text fields: ?q=text (plus list parameters)',
    async handle({ ctx, req, actor }) {
      const { q, ...rest } = queryOf(req);
      onlyParamsOrThrow(rest, ['filter', 'sort', 'limit', 'cursor', 'fields']);
      return { body: await searchRecords(ctx, actor, paramOf(req, 'object'), q, listQueryFromParamsOrThrow(rest)) };
    },
  },
  {
    method: 'get',
    path: `${BASE}/export`,
    access: 'user',
    summary: 'export matching records as CSV (?filter, ?fields); formula-like cells are neutralised',
    async handle({ ctx, req, res, actor }) {
      const { format, ...rest } = queryOf(req);
      onlyParamsOrThrow(rest, ['filter', 'fields']);
      if (format !== undefined && format !== 'csv') {
        throw new LeadforgeError('MALFORMED', 'format must be csv', [{ path: '/format', message: 'must be csv' }]);
      }
      const object = paramOf(req, 'object');
      const query: ListQuery = listQueryFromParamsOrThrow(rest);
      const pages = exportRecords(ctx, actor, object, query);
      // The first page is read before any byte is sent, so a bad filter still answers a clean 400.
      const first = await pages.next();
      res.status(200);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${object}.csv"`);
      if (first.done) {
        res.end();
        return undefined;
      }
      const header = ['id', 'owner', 'createdAt', 'updatedAt', ...first.value.fields];
      res.write(`\ufeff${csvLine(header)}`);
      const writePage = (records: typeof first.value.records) => {
        for (const r of records) {
          res.write(csvLine([r.id, r.owner, r.createdAt, r.updatedAt, ...first.value.fields.map((f) => r.data[f])]));
        }
      };
      writePage(first.value.records);
      for await (const page of pages) writePage(page.records);
      res.end();
      return undefined;
    },
  },
  {
    method: 'post',
    path: BASE,
    access: 'user',
    summary: 'create a record: { data: { field: value }, owner? }',
    async handle({ ctx, req, actor }) {
      onlyParamsOrThrow(queryOf(req), []);
      return { status: 201, body: await createRecord(ctx, actor, paramOf(req, 'object'), req.body) };
    },
  },
  {
    method: 'get',
    path: `${BASE}/:id`,
    access: 'user',
    summary: 'read one record (?fields=a,b)',
    async handle({ ctx, req, actor }) {
      const query = queryOf(req);
      onlyParamsOrThrow(query, ['fields']);
      return {
        body: await getRecord(ctx, actor, paramOf(req, 'object'), paramOf(req, 'id'), fieldsParam(query)),
      };
    },
  },
  {
    method: 'patch',
    path: `${BASE}/:id`,
    access: 'user',
    summary: 'partial update: { version, data: { field: value | null }, owner? }; a stale version answers 409',
    async handle({ ctx, req, actor }) {
      onlyParamsOrThrow(queryOf(req), []);
      return { body: await updateRecord(ctx, actor, paramOf(req, 'object'), paramOf(req, 'id'), req.body) };
    },
  },
  {
    method: 'delete',
    path: `${BASE}/:id`,
    access: 'user',
    summary: 'soft delete (?version=N to guard against a concurrent change); restore brings it back',
    async handle({ ctx, req, actor }) {
      const { version, ...rest } = queryOf(req);
      onlyParamsOrThrow(rest, []);
      const v = version === undefined ? undefined : /^\d{1,10}$/.test(String(version)) ? Number(version) : -1;
      return { body: await deleteRecord(ctx, actor, paramOf(req, 'object'), paramOf(req, 'id'), v) };
    },
  },
  {
    method: 'post',
    path: `${BASE}/:id/restore`,
    access: 'user',
    summary: 'restore a soft-deleted record',
    async handle({ ctx, req, actor }) {
      onlyParamsOrThrow(queryOf(req), []);
      envelopeOrThrow(req.body ?? {}, []);
      return { body: await restoreRecord(ctx, actor, paramOf(req, 'object'), paramOf(req, 'id')) };
    },
  },
  {
    method: 'get',
    path: `${BASE}/:id/history`,
    access: 'user',
    summary: 'who changed what and when, oldest first',
    async handle({ ctx, req, actor }) {
      onlyParamsOrThrow(queryOf(req), []);
      return { body: { history: await recordHistory(ctx, actor, paramOf(req, 'object'), paramOf(req, 'id')) } };
    },
  },
];
