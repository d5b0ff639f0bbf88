/**
 * Demo data for the b2b-saas sample (issue 7, point 6): plain rows, one array per table, so tests
 * can compute a report's expected numbers from them without the database. Times are ISO strings
 * (UTC, milliseconds); dates are `YYYY-MM-DD`.
 */

/** What the generator is asked for. */
export interface DemoDataOptions {
  /** How many leads; their history spans the 12 months before `now`. */
  readonly leads: number;
  /** Same seed (and leads, now) → the same data, byte for byte. */
  readonly seed: number;
  readonly now: Date;
}

export interface DemoTeam {
  readonly id: string;
  readonly name: string;
  readonly managerId: string;
}

export type DemoRole = 'admin' | 'ops' | 'manager' | 'rep';

export interface DemoUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: DemoRole;
  readonly teamId: string | null;
  readonly managerId: string | null;
}

/** A row of `records` (lead, opportunity, channel_cost, goal); written with one 'create' history row. */
export interface DemoRecord {
  readonly id: string;
  readonly object: 'lead' | 'opportunity' | 'channel_cost' | 'goal';
  readonly data: Readonly<Record<string, unknown>>;
  readonly ownerId: string | null;
  readonly teamId: string | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The `attribution` column (first/last touch), on leads only. */
  readonly attribution: Readonly<Record<string, unknown>> | null;
}

/** A row of `stage_history`: one stay of a lead in a stage of the `lead` pipeline. */
export interface DemoStageStay {
  readonly id: string;
  readonly recordId: string;
  readonly stage: string;
  readonly fromStage: string | null;
  readonly enteredAt: string;
  /** Null while the lead is still in the stage (at most one open stay per lead). */
  readonly exitedAt: string | null;
  readonly durationMs: number | null;
  readonly enteredBy: string | null;
  readonly exitedBy: string | null;
  /** The lost reason (a pipeline `lostReasons` id) on the stay in `lost`. */
  readonly reason: string | null;
}

/** A row of `activities`: something the lead's owner did. */
export interface DemoActivity {
  readonly id: string;
  readonly recordId: string;
  readonly kind: 'call' | 'email' | 'visit' | 'meeting';
  readonly outcome: string;
  readonly summary: string;
  readonly occurredAt: string;
  readonly durationMinutes: number | null;
  readonly actorId: string;
}

/** A row of `events` on a lead (form.submitted, page.viewed, stage.changed, activity.logged …). */
export interface DemoEvent {
  readonly id: string;
  readonly recordId: string;
  readonly type: string;
  readonly at: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** A row of `record_scores` for the `fit` or `engagement` model. */
export interface DemoScore {
  readonly recordId: string;
  readonly model: 'fit' | 'engagement';
  readonly score: number;
  readonly grade: string;
  readonly mql: boolean;
  /** When the score first reached the model's MQL threshold; null when it never did. */
  readonly mqlAt: string | null;
  readonly scoredAt: string;
  /** "Why this score": the lines add up to the score (as the scoring engine's `fired`). */
  readonly fired: readonly DemoFiredLine[];
}

/** One line of a score's explanation: a profile rule, one event's behaviour points, or the floor/ceiling. */
export interface DemoFiredLine {
  readonly ruleId: string;
  readonly kind: 'profile' | 'behaviour' | 'floor' | 'ceiling';
  readonly points: number;
  readonly eventId?: string;
}

/** Everything one generation produced. Every lead id appears in `leads`; other rows point at it. */
export interface DemoData {
  readonly seed: number;
  readonly now: string;
  readonly teams: readonly DemoTeam[];
  readonly users: readonly DemoUser[];
  readonly leads: readonly DemoRecord[];
  readonly opportunities: readonly DemoRecord[];
  readonly channelCosts: readonly DemoRecord[];
  readonly goals: readonly DemoRecord[];
  readonly stageHistory: readonly DemoStageStay[];
  readonly activities: readonly DemoActivity[];
  readonly events: readonly DemoEvent[];
  readonly scores: readonly DemoScore[];
}
