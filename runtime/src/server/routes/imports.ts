import { LeadforgeError, type Problem } from '@leadforge/engine';
import type { Request, Response } from 'express';
import { hasControlCharacters, hasLoneSurrogate } from '../../../../engine/src/capture/controlCharacters.js';
import { type ImportRequest, importProgressFor, importProgressOf } from '../../capture/import/importService.js';
import { startImport } from '../../capture/import/startImport.js';
import { isPlainObject } from '../../records/recordInput.js';
import { noQueryOrThrow, paramOf, queryOf, type RouteDef } from '../route.js';

/** The import route's path prefix below /api (createHttpApp lets text/csv bodies through to it). */
export const IMPORT_PATH_PREFIX = '/v1/imports/';

const MAP_ENTRY = /^map\[(.{1,200})\]$/s;

/** `?dryRun=true&map={"E-mail":"email"}&map[Company]=company_name&fileName=leads.csv`, checked strictly. */
function importQuery(req: Request, object: string): ImportRequest & { dryRun: boolean } {
  const problems: Problem[] = [];
  const map: Record<string, string> = Object.create(null);
  let dryRun = false;
  let fileName: string | undefined;
  const addMap = (column: string, field: unknown, path: string) => {
    if (typeof field !== 'string' || field.length > 200)
      problems.push({ path, message: 'must be a field name (or "" to skip the column)' });
    else if (Object.hasOwn(map, column)) problems.push({ path, message: `column "${column}" is mapped twice` });
    else map[column] = field;
  };
  for (const [key, value] of Object.entries(queryOf(req))) {
    const entry = MAP_ENTRY.exec(key);
    if (key === 'dryRun') {
      if (value !== 'true' && value !== 'false') problems.push({ path: '/dryRun', message: 'must be true or false' });
      else dryRun = value === 'true';
    } else if (key === 'fileName') {
      if (
        typeof value !== 'string' ||
        value.length === 0 ||
        value.length > 200 ||
        /[/\\]/.test(value) ||
        hasControlCharacters(value) ||
        hasLoneSurrogate(value)
      )
        problems.push({ path: '/fileName', message: 'must be a file name of 1 to 200 characters' });
      else fileName = value;
    } else if (key === 'map') {
      let parsed: unknown;
      try {
        parsed = typeof value === 'string' ? JSON.parse(value) : undefined;
      } catch {
        parsed = undefined;
      }
      if (!isPlainObject(parsed)) problems.push({ path: '/map', message: 'must be a JSON object {"column": "field"}' });
      else for (const [column, field] of Object.entries(parsed)) addMap(column, field, `/map/${column}`);
    } else if (entry) addMap(entry[1]!, value, `/map/${entry[1]}`);
    else
      problems.push({
        path: `/${key}`,
        message: `unknown parameter "${key}"; expected dryRun, map, map[column], fileName`,
      });
  }
  if (problems.length > 0) throw new LeadforgeError('MALFORMED', 'invalid import parameters', problems);
  return { object, map, dryRun, ...(fileName !== undefined ? { fileName } : {}) };
}

function tooLarge(max: number): LeadforgeError {
  return new LeadforgeError('TOO_LARGE', `an import file is at most ${max} bytes (LEADFORGE_IMPORT_MAX_BYTES)`, [
    { path: '/body', message: `is larger than ${max} bytes` },
  ]);
}

/**
 * The request body as bytes, at most `max`: a declared length past it is refused before reading;
 * a chunked body past it is drained (up to four times the cap, then the connection is cut) and refused.
 */
async function csvBodyOrThrow(req: Request, res: Response, max: number): Promise<Buffer> {
  const type = req.headers['content-type'] ?? '';
  if (!req.is('text/csv'))
    throw new LeadforgeError('UNSUPPORTED_MEDIA_TYPE', 'send the file as text/csv (UTF-8)', [
      { path: '/headers/content-type', message: 'must be text/csv' },
    ]);
  const charset = /charset=([^;]+)/i.exec(type)?.[1]?.trim().replace(/"/g, '').toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    throw new LeadforgeError('UNSUPPORTED_MEDIA_TYPE', 'the file must be UTF-8 (charset=utf-8)', [
      { path: '/headers/content-type', message: `charset ${charset} is not supported` },
    ]);
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > 4 * max) {
    res.setHeader('Connection', 'close');
    throw tooLarge(max);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= max) chunks.push(chunk);
    else if (size > 4 * max) {
      req.destroy();
      break;
    }
  }
  if (size > max) throw tooLarge(max);
  return Buffer.concat(chunks, size);
}

export const importRoutes: readonly RouteDef[] = [
  {
    method: 'post',
    path: '/api/v1/imports/:object',
    access: 'user',
    summary:
      'import a CSV file (body text/csv, UTF-8) into an object through the capture path (?dryRun=true&map={"column":"field"}&map[column]=field&fileName=) → 202 with the run | 200 dry-run report',
    async handle({ ctx, req, res, actor }) {
      const request = importQuery(req, paramOf(req, 'object'));
      const started = await startImport(ctx, actor, request, () => csvBodyOrThrow(req, res, ctx.config.importMaxBytes));
      if ('dryRun' in started) return { body: started.dryRun };
      const { run } = started;
      return {
        status: 202,
        body: importProgressOf(run),
        headers: { Location: `/api/v1/imports/${run.id}` },
      };
    },
  },
  {
    method: 'get',
    path: '/api/v1/imports/:id',
    access: 'user',
    summary:
      "an import run's progress: status, total rows, rows done, created / merged / failed, row errors (first 1,000)",
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: await importProgressFor(ctx, actor, paramOf(req, 'id')) };
    },
  },
];
