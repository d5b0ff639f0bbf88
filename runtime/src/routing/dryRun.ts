import {
  assign,
  type CompiledApp,
  type CompiledRouting,
  compileRule,
  jsonLogicTruthy,
  LeadforgeError,
  type RoutingDefinition,
  validatePackage,
} from '@leadforge/engine';
import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';
import { compileRoutingOrThrow, routingOf, routingOperators } from './appRouting.js';
import { recordTitle } from './recordOwner.js';
import { loadRoutingTeams, loadRoutingUsers, openLoads, readTurns } from './routingState.js';

export interface DryRunRequest {
  /** A draft of the routing file to try instead of the published one. */
  readonly routing?: unknown;
  /** A JSON Logic condition choosing which records to try (default: all). */
  readonly filter?: unknown;
  /** How many records (newest first) to try; default 50. */
  readonly sample?: number;
}

export const DRY_RUN_MAX_SAMPLE = 500;
const SCAN_LIMIT = 5_000;

/** The draft checked as the package would check it (schema and cross-checks); INVALID with `/routing` pointers. */
function draftOrThrow(app: CompiledApp, id: string, draft: unknown): CompiledRouting {
  const file = `routing/${id}.json`;
  const problems = validatePackage({ files: { ...app.files, [file]: draft } }).filter((p) => p.file === file);
  if (problems.length > 0)
    throw new LeadforgeError(
      'INVALID',
      'the draft routing has problems',
      problems.map((p) => ({ path: `/routing${p.pointer}`, message: p.message })),
    );
  return compileRoutingOrThrow(draft as RoutingDefinition, '/routing');
}

/**
 * Who would get what, and why, for a sample of records under the published routing or a draft
 * (issue 6). Turns and loads start from the live counters and advance as the sample is routed in
 * order, so the split shown is the one routing would make. Reads only; writes nothing.
 */
export async function dryRun(ctx: RuntimeContext, actor: Actor, id: string, request: DryRunRequest) {
  const published = await ctx.apps.current(actor.tenantId);
  if (!published) throw new LeadforgeError('NOT_FOUND', 'no app is published yet');
  const app = published.app;
  const routing =
    request.routing !== undefined ? draftOrThrow(app, id, request.routing) : routingOf(app).routings.get(id);
  if (!routing) throw new LeadforgeError('NOT_FOUND', `unknown routing "${id}"`);
  let filter: ReturnType<typeof compileRule> | undefined;
  if (request.filter !== undefined) {
    filter = compileRule(request.filter, routingOperators());
    if (!filter.ok)
      throw new LeadforgeError(
        'INVALID',
        'the filter is not a valid rule',
        filter.problems.map((p) => ({ path: `/filter${p.pointer}`, message: p.message })),
      );
  }
  const sample = request.sample ?? 50;
  const now = ctx.clock.now();
  const { rows } = await ctx.db.query<{
    id: string;
    data: Record<string, unknown>;
    owner_id: string | null;
    team_id: string | null;
  }>(
    `SELECT id, data, owner_id, team_id FROM records WHERE tenant_id = $1 AND object = $2 AND deleted_at IS NULL
      ORDER BY created_at DESC, id LIMIT $3`,
    [actor.tenantId, routing.object, SCAN_LIMIT],
  );
  const evaluate = filter?.ok ? filter : undefined;
  const chosen = rows
    .filter((r) => {
      if (!evaluate) return true;
      const outcome = evaluate.evaluate({ ...r.data, id: r.id, owner: r.owner_id, team: r.team_id }, { now });
      return outcome.ok && jsonLogicTruthy(outcome.value);
    })
    .slice(0, sample);
  const users = await loadRoutingUsers(ctx.db, actor.tenantId);
  const teams = await loadRoutingTeams(ctx.db, actor.tenantId);
  const ticks = await readTurns(ctx.db, actor.tenantId, routing.id);
  const loads = await openLoads(
    ctx.db,
    actor.tenantId,
    routing.object,
    users.filter((u) => u.active).map((u) => u.id),
  );
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  const summary: Record<string, number> = {};
  const results = chosen.map((r) => {
    const record = { id: r.id, data: r.data, ownerId: r.owner_id, teamId: r.team_id };
    const decision = assign(record, routing, { users, teams, ticks, loads, now });
    let to = '(nobody)';
    if (decision.kind === 'owner') {
      if (decision.counterKey !== undefined) ticks[decision.counterKey] = (ticks[decision.counterKey] ?? 0) + 1;
      loads[decision.ownerId] = (loads[decision.ownerId] ?? 0) + 1;
      to = emailOf.get(decision.ownerId) ?? decision.ownerId;
    } else if (decision.kind === 'pool') to = `pool:${decision.poolId}`;
    summary[to] = (summary[to] ?? 0) + 1;
    return {
      recordId: r.id,
      title: recordTitle(record),
      currentOwnerId: r.owner_id,
      kind: decision.kind,
      ownerId: decision.kind === 'owner' ? decision.ownerId : null,
      ownerEmail: decision.kind === 'owner' ? (emailOf.get(decision.ownerId) ?? null) : null,
      poolId: decision.kind === 'pool' ? decision.poolId : null,
      ruleId: decision.kind === 'none' ? null : decision.ruleId,
      strategy: decision.kind === 'none' ? null : decision.strategy,
      reason: decision.reason,
      skipped: decision.skipped,
    };
  });
  return { routing: routing.id, draft: request.routing !== undefined, sampled: results.length, summary, results };
}
