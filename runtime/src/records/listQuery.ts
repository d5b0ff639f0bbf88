import { LeadforgeError, type Problem } from '@leadforge/engine';
import { isPlainObject } from './recordInput.js';

/** A list request after parsing, before the filter and sort are compiled against the object. */
export interface ListQuery {
  readonly filter: unknown;
  readonly sort: unknown;
  readonly limit: number;
  readonly cursor: string | undefined;
  readonly fields: readonly string[] | undefined;
  readonly deleted: 'exclude' | 'include' | 'only';
}

const LIST_PARAMS = ['filter', 'sort', 'limit', 'cursor', 'fields', 'deleted', 'q', 'format'];

function single(query: Record<string, unknown>, name: string, problems: Problem[]): string | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') {
    problems.push({ path: `/${name}`, message: 'must be given once, as a plain value' });
    return undefined;
  }
  return v;
}

/** Reads list parameters from a query string (`?filter={json}&sort=-createdAt&limit=50`). */
export function listQueryFromParamsOrThrow(query: Record<string, unknown>): ListQuery {
  const problems: Problem[] = [];
  for (const key of Object.keys(query)) {
    if (!LIST_PARAMS.includes(key)) problems.push({ path: `/${key}`, message: `unknown parameter "${key}"` });
  }
  const filterText = single(query, 'filter', problems);
  let filter: unknown = {};
  if (filterText !== undefined) {
    try {
      filter = JSON.parse(filterText);
    } catch {
      problems.push({ path: '/filter', message: 'must be JSON, e.g. {"industry":"saas"}' });
    }
  }
  const fieldsText = single(query, 'fields', problems);
  return finish(
    {
      filter,
      sort: single(query, 'sort', problems),
      limit: single(query, 'limit', problems),
      cursor: single(query, 'cursor', problems),
      fields: fieldsText === undefined ? undefined : fieldsText.split(',').map((f) => f.trim()),
      deleted: single(query, 'deleted', problems),
    },
    problems,
  );
}

/** Reads list parameters from a JSON body (`POST .../query`), where the filter is an object. */
export function listQueryFromBodyOrThrow(body: unknown): ListQuery {
  const problems: Problem[] = [];
  if (!isPlainObject(body)) {
    throw new LeadforgeError('MALFORMED', 'request body must be a JSON object', [
      { path: '', message: 'must be an object' },
    ]);
  }
  for (const key of Object.keys(body)) {
    if (!['filter', 'sort', 'limit', 'cursor', 'fields', 'deleted'].includes(key)) {
      problems.push({ path: `/${key}`, message: `unknown property "${key}"` });
    }
  }
  const fields = body['fields'];
  if (fields !== undefined && (!Array.isArray(fields) || !fields.every((f) => typeof f === 'string'))) {
    problems.push({ path: '/fields', message: 'must be an array of field names' });
  }
  return finish(
    {
      filter: body['filter'] ?? {},
      sort: body['sort'],
      limit: body['limit'] === undefined ? undefined : String(body['limit']),
      cursor: body['cursor'] as string | undefined,
      fields: Array.isArray(fields) ? (fields as string[]) : undefined,
      deleted: body['deleted'] as string | undefined,
    },
    problems,
  );
}

function finish(
  raw: {
    filter: unknown;
    sort: unknown;
    limit: string | undefined;
    cursor: unknown;
    fields: readonly string[] | undefined;
    deleted: unknown;
  },
  problems: Problem[],
): ListQuery {
  let limit = 50;
  if (raw.limit !== undefined) {
    limit = Number(raw.limit);
    if (!/^\d{1,4}$/.test(raw.limit) || limit < 1 || limit > 500) {
      problems.push({ path: '/limit', message: 'must be a whole number from 1 to 500' });
    }
  }
  if (raw.cursor !== undefined && (typeof raw.cursor !== 'string' || raw.cursor.length > 2000)) {
    problems.push({ path: '/cursor', message: 'must be the nextCursor value from a previous page' });
  }
  const deleted = raw.deleted ?? 'exclude';
  if (deleted !== 'exclude' && deleted !== 'include' && deleted !== 'only') {
    problems.push({ path: '/deleted', message: 'must be one of: exclude, include, only' });
  }
  if (problems.length > 0) throw new LeadforgeError('MALFORMED', 'invalid list parameters', problems);
  return {
    filter: raw.filter,
    sort: raw.sort,
    limit,
    cursor: raw.cursor as string | undefined,
    fields: raw.fields,
    deleted: deleted as ListQuery['deleted'],
  };
}
