import type { AutomationAction, AutomationDefinition, AutomationTrigger } from '../package/schemas/index.js';
import type { CompiledRule } from '../rules/types.js';

/** The automation chain that made a change: set on the transaction by the step runner, copied onto inbox rows. */
export interface AutomationCause {
  /** The depth of the run that made the change (1 for a run started by a person or the system). */
  readonly depth: number;
  /** The automations that led here, oldest first. */
  readonly chain: readonly string[];
  readonly runId?: string;
}

/** One row of `automation_inbox`: a domain event or a record write, with the record as it is now. */
export interface InboxItem {
  readonly id: string;
  readonly source: 'event' | 'history';
  readonly sourceId: string;
  readonly recordId: string;
  readonly object: string;
  /** The event type, or the history action (`create`, `update`, `assign`). */
  readonly kind: string;
  readonly at: Date;
  /** The event's data, or the history row's `{ field: { from, to } }` changes. */
  readonly data: Readonly<Record<string, unknown>>;
  readonly cause: AutomationCause | null;
}

/** A record as conditions and actions see it: its field values plus system names. */
export interface AutomationRecord {
  readonly id: string;
  readonly object: string;
  readonly version: number;
  readonly ownerId: string | null;
  readonly teamId: string | null;
  readonly data: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One automation of a published version, compiled once. */
export interface CompiledAutomation {
  readonly id: string;
  /** The package file it came from. */
  readonly file: string;
  readonly object: string;
  readonly enabled: boolean;
  readonly trigger: AutomationTrigger;
  readonly actions: readonly AutomationAction[];
  readonly definition: AutomationDefinition;
  /** Null when the automation has no conditions (always true). */
  readonly condition: CompiledRule | null;
  /** `compute-field` rules by step index. */
  readonly computed: ReadonlyMap<number, CompiledRule>;
}

/** Every automation of an app version, indexed by what can start them. */
export interface AppAutomations {
  readonly all: readonly CompiledAutomation[];
  byId(id: string): CompiledAutomation | undefined;
  /** Automations whose trigger can match an inbox item of this source, object and kind. */
  candidates(source: InboxItem['source'], object: string, kind: string): readonly CompiledAutomation[];
  /** The field holding an object's stage (its pipeline's `field`, default "stage"). */
  stageField(object: string): string;
  /** The IANA time zone schedules are read in. */
  readonly timeZone: string;
}

/** Why a matched trigger fired: its type and what in the item matched. */
export interface TriggerFacts {
  readonly type: AutomationTrigger['type'];
  readonly source: InboxItem['source'] | 'schedule' | 'timer';
  readonly sourceId: string | null;
  readonly kind: string | null;
  readonly at: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** A trigger that matched an inbox item; `runAt` later than now for time-based triggers. */
export interface TriggerMatch {
  readonly automation: CompiledAutomation;
  readonly facts: TriggerFacts;
  readonly runAt: Date;
  /** Time-based field triggers: the run only goes ahead while the field still holds this value. */
  readonly guard?: { readonly field: string; readonly value: unknown };
  /** The event's data, for conditions (`event`) and messages. */
  readonly event: Readonly<Record<string, unknown>> | null;
}

/** Outcome of evaluating a run's conditions. */
export type ConditionResult =
  | { readonly evaluated: false }
  | { readonly evaluated: true; readonly passed: boolean; readonly value?: unknown; readonly error?: string };

/** What the dispatcher decided for one match. */
export type RunDecision =
  | { readonly start: true; readonly depth: number; readonly condition: ConditionResult }
  | {
      readonly start: false;
      readonly stop: 'depth' | 'rate' | 'condition' | 'error';
      readonly depth: number;
      readonly condition: ConditionResult;
      readonly reason: string;
    };
