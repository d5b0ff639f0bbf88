import type { EvaluationState, RuleLimits } from './types.js';

/** The bounds every rule runs under unless a caller passes tighter ones (issue "Scoring", point 4). */
export const DEFAULT_RULE_LIMITS: RuleLimits = Object.freeze({
  maxDepth: 32,
  maxNodes: 2000,
  maxLiteralItems: 1000,
  maxLiteralString: 10_000,
  maxArrayItems: 10_000,
  maxStringLength: 100_000,
  maxSteps: 1_000_000,
});

/** Thrown inside an evaluation when a run-time bound is crossed; the evaluator turns it into RULE_LIMIT. */
export class RuleLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleLimitError';
  }
}

export function chargeSteps(state: EvaluationState, steps: number): void {
  state.steps += steps;
  if (state.steps > state.limits.maxSteps) {
    throw new RuleLimitError(`evaluation took more than ${state.limits.maxSteps} steps`);
  }
}

/** Refuses an array longer than the run-time bound before anything walks it. */
export function checkArrayItems(state: EvaluationState, length: number, operator: string): void {
  if (length > state.limits.maxArrayItems) {
    throw new RuleLimitError(`${operator}: ${length} items is more than ${state.limits.maxArrayItems}`);
  }
}

/**
 * An upper bound on `String(value)`'s length, walking at most `cap` + 1 characters' worth of nodes and
 * charging every node to the step budget. Values built by `reduce` can share sub-arrays, so their text
 * can be exponentially longer than their memory; this is the guard before anything turns them into text.
 */
export function textLengthBound(state: EvaluationState, value: unknown, cap: number): number {
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object' || value === null) return 24;
  if (!Array.isArray(value)) return 15; // "[object Object]"
  let total = 0;
  const stack: unknown[] = [value];
  let visited = 0;
  while (stack.length > 0) {
    const item = stack.pop();
    visited++;
    if (Array.isArray(item)) {
      total += Math.max(item.length - 1, 0);
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
    } else if (typeof item === 'string') {
      total += item.length;
    } else if (item !== null && item !== undefined) {
      total += typeof item === 'object' ? 15 : 24;
    }
    if (total > cap) break;
    if (visited % 1024 === 0) chargeSteps(state, 1024);
  }
  chargeSteps(state, visited % 1024);
  return total;
}

/** Throws unless every composite argument would turn into text within the string bound. */
export function guardCoercion(state: EvaluationState, operator: string, args: readonly unknown[]): void {
  for (const arg of args) {
    if (typeof arg === 'object' && arg !== null) {
      const cap = state.limits.maxStringLength;
      if (textLengthBound(state, arg, cap) > cap) {
        throw new RuleLimitError(`${operator}: an argument's text would exceed ${cap} characters`);
      }
    }
  }
}

/**
 * Nodes plus characters in a value, walked up to `cap`; used on an evaluation's result so a caller that
 * serialises it can never be handed an exponentially large shared structure.
 */
export function valueWeight(state: EvaluationState, value: unknown, cap: number): number {
  if (typeof value !== 'object' || value === null) return 1;
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= cap) {
    const item = stack.pop();
    total++;
    if (typeof item === 'string') total += item.length;
    else if (Array.isArray(item)) for (const child of item) stack.push(child);
    else if (typeof item === 'object' && item !== null) for (const child of Object.values(item)) stack.push(child);
  }
  chargeSteps(state, Math.min(total, cap));
  return total;
}
