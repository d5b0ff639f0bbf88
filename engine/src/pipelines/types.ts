import type { Label } from '../compile/types.js';
import type { Problem } from '../errors/types.js';
import type { CompiledRule, RuleProblem } from '../rules/types.js';

/** A condition of a stage, compiled once, named by its id and label in a refusal. */
export interface CompiledCriterion {
  readonly id: string;
  readonly label: Label;
  readonly rule: CompiledRule;
}

/** Who may decide an approval: a user holding the role, or the record owner's manager (either, when both are set). */
export interface ApprovalPolicy {
  readonly role: string | null;
  readonly ownerManager: boolean;
}

export interface CompiledStage {
  readonly id: string;
  readonly label: Label;
  /** Position in the pipeline's `stages` list. */
  readonly index: number;
  readonly outcome: 'won' | 'lost' | null;
  readonly probability: number | null;
  readonly entry: readonly CompiledCriterion[];
  readonly exit: readonly CompiledCriterion[];
  readonly requiredFields: readonly string[];
  /** The only stages a record may move to from here, or null for the pipeline's skip/back rules. */
  readonly to: readonly string[] | null;
  /** Kept as data: SLA timers read it (issue 6, point 4). */
  readonly sla: { readonly within: string; readonly escalateTo: string | null } | null;
  readonly approval: ApprovalPolicy | null;
}

export interface StageReason {
  readonly id: string;
  readonly label: Label;
}

/** One pipeline of a published app, its rules compiled. No I/O inside. */
export interface CompiledPipeline {
  readonly id: string;
  readonly object: string;
  readonly label: Label;
  /** The select field holding the stage. */
  readonly field: string;
  readonly allowSkip: boolean;
  readonly allowBack: boolean;
  readonly allowReopen: boolean;
  readonly lostReasons: readonly StageReason[];
  readonly wonReasons: readonly StageReason[];
  readonly stages: readonly CompiledStage[];
}

export type CompilePipelineResult =
  | { readonly ok: true; readonly pipeline: CompiledPipeline }
  | { readonly ok: false; readonly problems: readonly RuleProblem[] };

/** What a transition is asked to do. */
export interface TransitionRequest {
  readonly to: string;
  readonly reason?: string | undefined;
  readonly comment?: string | undefined;
  /** True when an approval of this move was granted: the stage's approval is not asked again. */
  readonly approved?: boolean;
}

/** The record as the pipeline sees it: its field values and the names rules read (data + system names). */
export interface StageRecord {
  readonly data: Readonly<Record<string, unknown>>;
  readonly ruleData: Readonly<Record<string, unknown>>;
}

/** What the runtime must write for an accepted move, in one transaction. */
export type TransitionEffect =
  | { readonly type: 'set-field'; readonly field: string; readonly value: string }
  | { readonly type: 'close-stay'; readonly stage: string | null; readonly at: Date }
  | {
      readonly type: 'open-stay';
      readonly stage: string;
      readonly at: Date;
      readonly reason: string | null;
      readonly comment: string | null;
    }
  | {
      readonly type: 'event';
      readonly event: 'stage.changed';
      readonly data: {
        readonly pipeline: string;
        readonly from: string | null;
        readonly to: string;
        readonly reason: string | null;
        readonly outcome: 'won' | 'lost' | null;
      };
    };

export type TransitionPlan =
  | {
      readonly ok: true;
      readonly kind: 'move';
      readonly from: string | null;
      readonly to: string;
      readonly effects: readonly TransitionEffect[];
    }
  | {
      readonly ok: true;
      readonly kind: 'approval';
      readonly from: string | null;
      readonly to: string;
      readonly approval: ApprovalPolicy;
    }
  | {
      readonly ok: false;
      /** MALFORMED: the request itself is wrong; INVALID: the move breaks the pipeline's rules. */
      readonly code: 'INVALID';
      readonly message: string;
      readonly details: readonly Problem[];
    };
