import { LeadforgeError } from '@leadforge/engine';
import { explainScores } from '../../scoring/explainScores.js';
import { listScoringRuns } from '../../scoring/scoringRuns.js';
import { whatIf } from '../../scoring/whatIf.js';
import { noQueryOrThrow, paramOf, type RouteDef } from '../route.js';

function whatIfBodyOrThrow(body: unknown): { model: unknown; filter?: unknown } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new LeadforgeError('MALFORMED', 'send { model, filter? }');
  const { model, filter, ...rest } = body as Record<string, unknown>;
  const problems = Object.keys(rest).map((k) => ({ path: `/${k}`, message: `unknown property "${k}"` }));
  if (typeof model !== 'object' || model === null || Array.isArray(model))
    problems.push({ path: '/model', message: 'must be a scoring model' });
  if (problems.length > 0) throw new LeadforgeError('INVALID', 'send { model, filter? }', problems);
  return filter === undefined ? { model } : { model, filter };
}

export const scoringRoutes: readonly RouteDef[] = [
  {
    method: 'get',
    path: '/api/v1/records/:object/:id/scores',
    access: 'user',
    summary:
      'why a record has its scores: per model score, grade, MQL (and since when), the rules that fired with their points, and the score history with causes',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: await explainScores(ctx, actor, paramOf(req, 'object'), paramOf(req, 'id')) };
    },
  },
  {
    method: 'get',
    path: '/api/v1/scoring/runs',
    access: 'admin',
    summary: 'bulk rescoring runs (one per changed model per published version) with their progress',
    async handle({ ctx, req, actor }) {
      noQueryOrThrow(req);
      return { body: { runs: await listScoringRuns(ctx, actor.tenantId) } };
    },
  },
  {
    method: 'post',
    path: '/api/v1/scoring/what-if',
    access: 'admin',
    summary:
      'what a draft model would do: { model, filter? } → grade and MQL changes, score distribution before/after, conversion rate per grade on known outcomes',
    async handle({ ctx, req, actor }) {
      return { body: await whatIf(ctx, actor.tenantId, whatIfBodyOrThrow(req.body)) };
    },
  },
];
