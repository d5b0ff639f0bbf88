import { truthy } from '../rules/truthy.js';
import { availableMembers, describeMembers, findUser, poolMembers, unavailability } from './poolCandidates.js';
import { smoothWeightedSequence } from './smoothWeighted.js';
import type {
  CompiledRouting,
  CompiledRoutingRule,
  PoolMembers,
  RoutableRecord,
  RoutingDecision,
  RoutingSkip,
  RoutingState,
  RoutingStrategy,
  RoutingUser,
} from './types.js';

type StepResult = Exclude<RoutingDecision, { kind: 'none' }> | { kind: 'skip'; why: string };

const ordinal = (n: number) =>
  `${n}${['th', 'st', 'nd', 'rd'][n % 100 >= 11 && n % 100 <= 13 ? 0 : Math.min(n % 10, 4) % 4] ?? 'th'}`;

/** What a rule's `when` reads: the record's fields plus its system names (DESIGN.md, Rules). */
export function routingData(record: RoutableRecord): Record<string, unknown> {
  return { ...record.data, id: record.id, owner: record.ownerId, team: record.teamId };
}

function ruleApplies(rule: CompiledRoutingRule, data: Record<string, unknown>, now: Date): string | undefined {
  if (rule.stages && !rule.stages.includes(String(data['stage'] ?? '')))
    return 'the record is not in one of its stages';
  if (!rule.when) return undefined;
  const outcome = rule.when(data, now);
  if (!outcome.ok) return `its condition could not be evaluated (${outcome.error.message})`;
  return truthy(outcome.value) ? undefined : 'its condition does not hold';
}

function roundRobin(
  rule: CompiledRoutingRule,
  members: PoolMembers,
  counterKey: string,
  state: RoutingState,
  skipped: RoutingSkip[],
  what: string,
): StepResult {
  const available = availableMembers(rule.id, poolMembers(members, state), skipped);
  if (available.length === 0) return { kind: 'skip', why: `no available member in ${describeMembers(members)}` };
  const tick = state.ticks[counterKey] ?? 0;
  const owner = available[tick % available.length]!;
  return {
    kind: 'owner',
    ruleId: rule.id,
    strategy: rule.strategy.type,
    ownerId: owner.id,
    teamId: owner.teamId,
    counterKey,
    reason: `${what}round-robin in ${describeMembers(members)}: turn ${tick + 1}, ${owner.email} (${ordinal((tick % available.length) + 1)} of ${available.length} available)`,
    skipped,
  };
}

function weighted(
  rule: CompiledRoutingRule,
  strategy: Extract<RoutingStrategy, { type: 'weighted' }>,
  counterKey: string,
  state: RoutingState,
  skipped: RoutingSkip[],
): StepResult {
  const entries: { user: RoutingUser; weight: number }[] = [];
  for (const w of strategy.weights) {
    const user = findUser(state.users, w.user);
    if (!user) skipped.push({ ruleId: rule.id, why: `user "${w.user}" does not exist` });
    else if (unavailability(user))
      skipped.push({ ruleId: rule.id, userId: user.id, why: `${user.email} is ${unavailability(user)}` });
    else entries.push({ user, weight: w.weight });
  }
  if (entries.length === 0) return { kind: 'skip', why: 'no weighted user is available' };
  const sequence = smoothWeightedSequence(entries.map((e) => e.weight));
  const tick = state.ticks[counterKey] ?? 0;
  const chosen = entries[sequence[tick % sequence.length]!]!;
  const split = entries.map((e) => `${e.user.email}:${e.weight}`).join(' ');
  return {
    kind: 'owner',
    ruleId: rule.id,
    strategy: 'weighted',
    ownerId: chosen.user.id,
    teamId: chosen.user.teamId,
    counterKey,
    reason: `weighted round-robin (${split}): turn ${tick + 1} goes to ${chosen.user.email}`,
    skipped,
  };
}

function capacity(
  rule: CompiledRoutingRule,
  strategy: Extract<RoutingStrategy, { type: 'capacity' }>,
  state: RoutingState,
  skipped: RoutingSkip[],
): StepResult {
  const available = availableMembers(rule.id, poolMembers(strategy.pool, state), skipped);
  let best: { user: RoutingUser; load: number } | undefined;
  for (const user of available) {
    const load = state.loads[user.id] ?? 0;
    if (load >= strategy.maxOpen) {
      skipped.push({
        ruleId: rule.id,
        userId: user.id,
        why: `${user.email} has ${load} open leads (cap ${strategy.maxOpen})`,
      });
    } else if (!best || load < best.load) best = { user, load };
  }
  if (!best)
    return {
      kind: 'skip',
      why: `every available member of ${describeMembers(strategy.pool)} is at the cap of ${strategy.maxOpen}`,
    };
  return {
    kind: 'owner',
    ruleId: rule.id,
    strategy: 'capacity',
    ownerId: best.user.id,
    teamId: best.user.teamId,
    loadUsers: available.map((u) => u.id),
    reason: `capacity in ${describeMembers(strategy.pool)}: ${best.user.email} has the fewest open leads (${best.load} of at most ${strategy.maxOpen})`,
    skipped,
  };
}

function runStep(rule: CompiledRoutingRule, data: Record<string, unknown>, state: RoutingState): StepResult {
  const skipped: RoutingSkip[] = [];
  const strategy = rule.strategy;
  switch (strategy.type) {
    case 'round-robin':
      return roundRobin(rule, strategy.pool, rule.id, state, skipped, '');
    case 'weighted':
      return weighted(rule, strategy, rule.id, state, skipped);
    case 'capacity':
      return capacity(rule, strategy, state, skipped);
    case 'owner': {
      const user = findUser(state.users, strategy.user);
      if (!user) return { kind: 'skip', why: `user "${strategy.user}" does not exist` };
      const why = unavailability(user);
      if (why) return { kind: 'skip', why: `${user.email} is ${why}` };
      return {
        kind: 'owner',
        ruleId: rule.id,
        strategy: 'owner',
        ownerId: user.id,
        teamId: user.teamId,
        reason: `named owner ${user.email}`,
        skipped,
      };
    }
    case 'queue':
      return {
        kind: 'pool',
        ruleId: rule.id,
        strategy: 'queue',
        poolId: strategy.queue,
        reason: `queued in lead pool "${strategy.queue}"`,
        skipped,
      };
    case 'territory': {
      const raw = data[strategy.field];
      const value = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim().toLowerCase() : '';
      const index = strategy.territories.findIndex((t) => t.values.some((v) => v.trim().toLowerCase() === value));
      if (value === '' || index < 0)
        return { kind: 'skip', why: `no territory for ${strategy.field} = ${JSON.stringify(raw ?? null)}` };
      const territory = strategy.territories[index]!;
      const what = `territory ${strategy.field} = ${value}: `;
      if (territory.queue !== undefined)
        return {
          kind: 'pool',
          ruleId: rule.id,
          strategy: 'territory',
          poolId: territory.queue,
          reason: `${what}queued in lead pool "${territory.queue}"`,
          skipped,
        };
      if (!territory.pool) return { kind: 'skip', why: 'the territory names no pool' };
      const result = roundRobin(rule, territory.pool, `${rule.id}/${index}`, state, skipped, what);
      return result.kind === 'owner' ? { ...result, strategy: 'territory' } : result;
    }
  }
}

/**
 * Routes one record (issue 6): the first rule whose stages and `when` hold and whose strategy
 * finds someone available decides; then the fallback; else nobody. Pure: counters and loads come
 * in `state`, and the decision says which counter it used so the runtime can advance it.
 */
export function assign(record: RoutableRecord, routing: CompiledRouting, state: RoutingState): RoutingDecision {
  const data = routingData(record);
  const skipped: RoutingSkip[] = [];
  const steps = routing.fallback ? [...routing.rules, routing.fallback] : routing.rules;
  for (const rule of steps) {
    const notApplying = rule === routing.fallback ? undefined : ruleApplies(rule, data, state.now);
    if (notApplying) {
      skipped.push({ ruleId: rule.id, why: notApplying });
      continue;
    }
    const result = runStep(rule, data, state);
    if (result.kind !== 'skip') {
      const label = rule === routing.fallback ? 'fallback' : `rule "${rule.id}"`;
      return { ...result, reason: `${label}: ${result.reason}`, skipped: [...skipped, ...result.skipped] };
    }
    skipped.push({ ruleId: rule.id, why: result.why });
  }
  return { kind: 'none', reason: 'no rule found an available owner or pool', skipped };
}
