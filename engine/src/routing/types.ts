import type { LeadPoolDefinition, PoolMembers, RoutingStrategy } from '../package/schemas/routing.js';
import type { RuleOutcome } from '../rules/types.js';

export type { LeadPoolDefinition, PoolMembers, RoutingStrategy };

export type RoutingStrategyType = RoutingStrategy['type'];

/** A user as routing sees one: who they are, where they sit, whether they may take leads now. */
export interface RoutingUser {
  readonly id: string;
  readonly email: string;
  readonly role: string;
  readonly teamId: string | null;
  /** Inactive users never get leads. */
  readonly active: boolean;
  /** Away users are skipped (their turn passes to the next one). */
  readonly away: boolean;
}

export interface RoutingTeam {
  readonly id: string;
  readonly name: string;
}

/** The record being routed: its field values and system columns. */
export interface RoutableRecord {
  readonly id: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly ownerId: string | null;
  readonly teamId: string | null;
}

/**
 * What the decision reads besides the record. `ticks` and `loads` are the runtime's, read under
 * a lock (live) or simulated (dry run): the engine never counts anything itself.
 */
export interface RoutingState {
  readonly users: readonly RoutingUser[];
  readonly teams: readonly RoutingTeam[];
  /** Per counter key: how many leads that rule (or territory) handed out before this one. */
  readonly ticks: Readonly<Record<string, number>>;
  /** Per user id: open leads they own now (capacity strategy). */
  readonly loads: Readonly<Record<string, number>>;
  readonly now: Date;
}

/** Why a step or a user was passed over. */
export interface RoutingSkip {
  readonly ruleId: string;
  readonly userId?: string;
  readonly why: string;
}

interface DecisionBase {
  readonly ruleId: string;
  readonly strategy: RoutingStrategyType;
  /** One sentence: why this owner (or pool). */
  readonly reason: string;
  /** Rules and users passed over on the way, with why. */
  readonly skipped: readonly RoutingSkip[];
}

/**
 * The outcome of `assign`. An owner decision names what the runtime must hold for it to stand:
 * the counter it advanced (`counterKey`) and the users whose loads it compared (`loadUsers`).
 */
export type RoutingDecision =
  | (DecisionBase & {
      readonly kind: 'owner';
      readonly ownerId: string;
      readonly teamId: string | null;
      readonly counterKey?: string;
      readonly loadUsers?: readonly string[];
    })
  | (DecisionBase & { readonly kind: 'pool'; readonly poolId: string })
  | { readonly kind: 'none'; readonly reason: string; readonly skipped: readonly RoutingSkip[] };

/** One rule (or the fallback) compiled. */
export interface CompiledRoutingRule {
  readonly id: string;
  readonly stages: readonly string[] | undefined;
  readonly when: ((data: unknown, now: Date) => RuleOutcome) | undefined;
  readonly strategy: RoutingStrategy;
}

/** A routing definition compiled once per published version. */
export interface CompiledRouting {
  readonly id: string;
  readonly object: string;
  readonly rules: readonly CompiledRoutingRule[];
  readonly fallback: CompiledRoutingRule | undefined;
  readonly pools: ReadonlyMap<string, LeadPoolDefinition>;
}

/** The id the fallback strategy answers to in decisions and counters. */
export const FALLBACK_RULE_ID = 'fallback';
