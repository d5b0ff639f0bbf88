import { LeadforgeError, type Problem } from '@leadforge/engine';
import type { Request } from 'express';
import { automationRunFor, automationRunsFor, type RunQuery } from '../../automation/runLog.js';
import { UUID } from '../../records/recordInput.js';
import { noQueryOrThrow, paramOf, queryOf, type RouteDef } from '../route.js';

const ID = /^[a-z][a-z0-9-]{0,63}$/;

function runQueryOrThrow(req: Request): RunQuery {
  const problems: Problem[] = [];
  let automation: string | undefined;
  let recordId: string | undefined;
  let limit = 50;
  for (const [key, value] of Object.entries(queryOf(req))) {
    if (key === 'automation') {
      if (typeof value !== 'string' || !ID.test(value))
        problems.push({ path: '/automation', message: 'must be an automation id' });
      else automation = value;
    } else if (key === 'record') {
      if (typeof value !== 'string' || !UUID.test(value))
        problems.push({ path: '/record', message: 'must be a record id' });
      else recordId = value;
    } else if (key === 'limit') {
      const n = typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN;
      if (!(n >= 1 && n <= 500)) problems.push({ path: '/limit', message: 'must be an integer from 1 to 500' });
      else limit = n;
    } else problems.push({ path: `/${key}`, message: `unknown parameter "${key}"` });
  }
  if (problems.length > 0) throw new LeadforgeError('MALFORMED', 'invalid query', problems);
  return { limit, ...(automation ? { automation } : {}), ...(recordId ? { recordId } : {}) };
}

export const automationRoutes: readonly RouteDef[] = [
  {
    method: 'get',
    path: '/api/v1/automations/runs',
    access: 'user',
    summary: 'automation runs, newest first (?automation=&record=&limit=): what fired, why, each step (admins, ops)',
    async handle({ ctx, req, actor }) {
      return { body: { runs: await automationRunsFor(ctx, actor, runQueryOrThrow(req)) } };
    },
  },
  {
    method: 'get',
    path: '/api/v1/automations/runs/:id',
    access: 'user',
    summary: 'one automation run with its trigger, condition result, steps and timing (admins, ops)',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: await automationRunFor(ctx, actor, paramOf(req, 'id')) };
    },
  },
];
