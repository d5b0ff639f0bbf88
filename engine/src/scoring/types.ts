import type { RuleSetFunction } from '../rules/codegen/compileRuleSet.js';
import type { CompiledRule } from '../rules/types.js';

/** Fit points: the record matches `when` (JSON Logic over the record's fields). Negative points allowed. */
export interface ProfileRule {
  readonly id: string;
  readonly label?: Readonly<Record<string, string>>;
  readonly points: number;
  readonly when: unknown;
}

/** Engagement points for each event of a type whose properties match `when`. */
export interface BehaviourRule {
  readonly id: string;
  readonly label?: Readonly<Record<string, string>>;
  /** Event type, e.g. "pricing.viewed". */
  readonly event: string;
  /** JSON Logic over the event's properties; absent = every event of the type. */
  readonly when?: unknown;
  readonly points: number;
  /** Most points (in absolute value) this rule may give in total. */
  readonly cap?: number;
  /** Only the first matching event counts. */
  readonly once?: boolean;
}

/**
 * Engagement goes stale; fit does not. Decay only ever takes back behaviour points (never below zero):
 * `points` (≤ 0) for every full `inactiveDays` without any event, or each event's points halved
 * every `halfLifeDays`.
 */
export type DecayDefinition =
  | { readonly inactiveDays: number; readonly points: number }
  | { readonly halfLifeDays: number };

/** A grade band: scores ≥ min (bands ordered high → low); `mql` marks the bands that make an MQL. */
export interface GradeBand {
  readonly min: number;
  readonly grade: string;
  readonly mql?: boolean;
}

/**
 * `scoring/<name>.json`. `behaviour` may also be DESIGN.md's shorthand `{ "pricing.viewed": 10 }` (each
 * event type becomes a rule with that id). `mqlThreshold` defaults to the lowest `mql` band's min.
 */
export interface ScoringModel {
  readonly id: string;
  readonly object?: string;
  readonly label?: Readonly<Record<string, string>>;
  readonly scoreField?: string;
  readonly gradeField?: string;
  readonly rules: readonly ProfileRule[];
  readonly behaviour?: readonly BehaviourRule[] | Readonly<Record<string, number>>;
  readonly decay?: DecayDefinition;
  readonly floor?: number;
  readonly ceiling?: number;
  readonly grades: readonly GradeBand[];
  readonly mqlThreshold?: number;
}

export interface CompiledProfileRule {
  readonly id: string;
  readonly points: number;
  readonly when: CompiledRule;
}

export interface CompiledBehaviourRule {
  readonly id: string;
  readonly event: string;
  readonly points: number;
  readonly when: CompiledRule | undefined;
  readonly cap: number | undefined;
  readonly once: boolean;
}

/** A scoring model checked and compiled once per published version. */
export interface CompiledScoringModel {
  readonly id: string;
  readonly profile: readonly CompiledProfileRule[];
  readonly behaviour: readonly CompiledBehaviourRule[];
  readonly decay: DecayDefinition | undefined;
  readonly floor: number | undefined;
  readonly ceiling: number | undefined;
  /** High → low. */
  readonly grades: readonly GradeBand[];
  /** Scores at or above it are MQLs; null when the model makes none. */
  readonly mqlThreshold: number | null;
  /**
   * Every profile condition as one generated function (one outcome per `profile` rule, in order), the
   * same answers as each `when.evaluate`; absent where code cannot be generated (then each rule runs).
   */
  readonly profileConditions?: RuleSetFunction;
}

/** Something a lead did, from the event history. */
export interface LeadEvent {
  readonly id: string;
  readonly type: string;
  /** ISO 8601 date-time (no offset = UTC) or a Date. */
  readonly at: string | Date;
  readonly properties?: Readonly<Record<string, unknown>>;
}

export type FiredKind = 'profile' | 'behaviour' | 'decay' | 'floor' | 'ceiling';

/** One line of "why this score": the points of every line add up to the score exactly. */
export interface FiredRule {
  /** The rule's id; "decay", "floor" or "ceiling" for the model's own adjustments. */
  readonly ruleId: string;
  readonly kind: FiredKind;
  readonly points: number;
  readonly eventId?: string;
}

/** A rule that could not be evaluated (it scored 0), or an event that could not be read ("events"). */
export interface ScoringError {
  readonly ruleId: string;
  readonly message: string;
  readonly eventId?: string;
}

export interface LeadScore {
  readonly model: string;
  readonly score: number;
  readonly grade: string | null;
  readonly mql: boolean;
  readonly fired: readonly FiredRule[];
  readonly errors: readonly ScoringError[];
}

/** What a previous scoring left on the record, for crossing detection. */
export interface ScoreSnapshot {
  readonly grade: string | null;
  readonly mql: boolean;
}

/** Emitted when a lead moves to another grade or into / out of MQL. */
export interface ScoreCrossing {
  readonly type: 'score.crossed';
  readonly model: string;
  readonly fromGrade: string | null;
  readonly toGrade: string | null;
  readonly becameMql: boolean;
  readonly score: number;
}

export type CompileScoringModelResult =
  | { readonly ok: true; readonly model: CompiledScoringModel }
  | { readonly ok: false; readonly problems: readonly { readonly pointer: string; readonly message: string }[] };
