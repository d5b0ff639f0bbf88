import { parseDurationMs } from '../calendar/parseDuration.js';
import type { NurtureDefinition, NurtureStep } from '../package/schemas/index.js';
import { compileRule } from '../rules/compileRule.js';
import { truthy } from '../rules/truthy.js';
import type { CompiledRule, OperatorRegistry } from '../rules/types.js';

/** A sequence with its rules compiled once (per published version). */
export interface CompiledNurture {
  readonly definition: NurtureDefinition;
  readonly exitWhen: CompiledRule | undefined;
  readonly recycleWhen: CompiledRule | undefined;
  /** Branch step index → its compiled condition. */
  readonly branches: ReadonlyMap<number, CompiledRule>;
  readonly stepIndex: ReadonlyMap<string, number>;
}

function compiledOrThrow(rule: unknown, registry: OperatorRegistry, where: string): CompiledRule {
  const result = compileRule(rule, registry);
  if (!result.ok) throw new Error(`nurture rule at ${where} does not compile: ${result.problems[0]?.message}`);
  return result;
}

/** Compiles a validated sequence's rules (exitWhen, branches, recycle filter). */
export function compileNurture(definition: NurtureDefinition, registry: OperatorRegistry): CompiledNurture {
  const branches = new Map<number, CompiledRule>();
  definition.steps.forEach((step, i) => {
    if (step.type === 'branch') branches.set(i, compiledOrThrow(step.when, registry, `/steps/${i}/when`));
  });
  return {
    definition,
    exitWhen:
      definition.exitWhen === undefined ? undefined : compiledOrThrow(definition.exitWhen, registry, '/exitWhen'),
    recycleWhen:
      definition.recycle?.when === undefined
        ? undefined
        : compiledOrThrow(definition.recycle.when, registry, '/recycle/when'),
    branches,
    stepIndex: new Map(definition.steps.map((s, i) => [s.id, i])),
  };
}

/** True when a compiled rule holds for the record (an evaluation error counts as false). */
export function ruleHolds(rule: CompiledRule, record: unknown, now: Date): boolean {
  const outcome = rule.evaluate(record, { now });
  return outcome.ok && truthy(outcome.value);
}

/** What the runtime knows about the record beyond its fields when a step falls due. */
export interface NurtureFacts {
  readonly now: Date;
  /** The record is an MQL (a scoring model marks it so). */
  readonly isMql: boolean;
  /** An `email.replied` event arrived since the enrolment. */
  readonly replied: boolean;
}

export type NurtureExitReason = 'exitWhen' | 'mql' | 'reply';

/** What one due step does; every non-final plan names the next step and when it runs. */
export type NurturePlan =
  | { readonly kind: 'exit'; readonly reason: NurtureExitReason }
  | { readonly kind: 'complete' }
  | {
      readonly kind: 'step';
      readonly step: NurtureStep;
      /** For a branch: whether its condition held. */
      readonly taken?: boolean;
      readonly next: number;
      readonly nextAt: Date;
    };

/**
 * Decides the step at `stepIndex` for a record: leave when an exit holds (checked before every
 * step), finish after the last step, else run the step and say which step runs next, when.
 */
export function planNurtureStep(
  nurture: CompiledNurture,
  stepIndex: number,
  record: Readonly<Record<string, unknown>>,
  facts: NurtureFacts,
): NurturePlan {
  const { definition } = nurture;
  const exitOn = definition.exitOn ?? [];
  if (exitOn.includes('mql') && facts.isMql) return { kind: 'exit', reason: 'mql' };
  if (exitOn.includes('reply') && facts.replied) return { kind: 'exit', reason: 'reply' };
  if (nurture.exitWhen && ruleHolds(nurture.exitWhen, record, facts.now)) return { kind: 'exit', reason: 'exitWhen' };
  const step = definition.steps[stepIndex];
  if (!step) return { kind: 'complete' };
  const now = facts.now;
  switch (step.type) {
    case 'wait':
      return { kind: 'step', step, next: stepIndex + 1, nextAt: new Date(now.getTime() + parseDurationMs(step.for)) };
    case 'branch': {
      const rule = nurture.branches.get(stepIndex);
      const taken = rule !== undefined && ruleHolds(rule, record, now);
      const target = taken ? step.goTo : step.else;
      const next = target === undefined ? stepIndex + 1 : (nurture.stepIndex.get(target) ?? stepIndex + 1);
      return { kind: 'step', step, taken, next, nextAt: now };
    }
    default:
      return { kind: 'step', step, next: stepIndex + 1, nextAt: now };
  }
}
