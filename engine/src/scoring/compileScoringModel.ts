import { isPlainObject } from '../filter/isPlainObject.js';
import { compileRuleSet } from '../rules/codegen/compileRuleSet.js';
import { generateNode } from '../rules/codegen/compileRuleToFunction.js';
import { compileTree, evaluatorFor } from '../rules/compileRule.js';
import { DEFAULT_RULE_LIMITS } from '../rules/limits.js';
import type { CompiledArg, CompiledRule, OperatorRegistry, RuleLimits, RuleProblem } from '../rules/types.js';
import { checkGrades } from './checkGrades.js';
import type {
  CompiledBehaviourRule,
  CompiledProfileRule,
  CompileScoringModelResult,
  DecayDefinition,
} from './types.js';

const MODEL_KEYS = new Set([
  '$schema',
  'id',
  'object',
  'label',
  'scoreField',
  'gradeField',
  'rules',
  'behaviour',
  'decay',
  'floor',
  'ceiling',
  'grades',
  'mqlThreshold',
]);
const PROFILE_KEYS = new Set(['id', 'label', 'points', 'when']);
const BEHAVIOUR_KEYS = new Set(['id', 'label', 'event', 'when', 'points', 'cap', 'once']);

interface Check {
  readonly problems: RuleProblem[];
  readonly ids: Set<string>;
  readonly registry: OperatorRegistry;
  readonly limits: Partial<RuleLimits>;
  /** Each compiled condition's tree, for the model's one generated function. */
  readonly roots: Map<CompiledRule, CompiledArg>;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function unknownKeys(check: Check, value: Record<string, unknown>, known: Set<string>, at: string): void {
  for (const key of Object.keys(value)) {
    if (known.has(key)) continue;
    const hint = key === 'caps' ? ': use "floor" and "ceiling"' : '';
    check.problems.push({
      pointer: `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`,
      message: `unknown property "${key}"${hint}`,
    });
  }
}

function ruleId(check: Check, id: unknown, at: string): string {
  if (typeof id !== 'string' || id === '') {
    check.problems.push({ pointer: `${at}/id`, message: 'must be a non-empty id' });
    return '';
  }
  if (check.ids.has(id)) check.problems.push({ pointer: `${at}/id`, message: `rule id "${id}" is used twice` });
  check.ids.add(id);
  return id;
}

/** A condition compiled in the fastest mode available (generated code, else closures). */
function condition(check: Check, when: unknown, at: string): CompiledRule | undefined {
  const tree = compileTree(when, check.registry, check.limits);
  if (tree.ok) {
    const compiled = evaluatorFor(generateNode(tree.root) ?? tree.root.fn, tree.limits);
    check.roots.set(compiled, tree.root);
    return compiled;
  }
  for (const problem of tree.problems)
    check.problems.push({ pointer: `${at}${problem.pointer}`, message: problem.message });
  return undefined;
}

function points(check: Check, value: unknown, at: string): number {
  if (isNumber(value)) return value;
  check.problems.push({ pointer: at, message: 'must be a number of points' });
  return 0;
}

function profileRules(check: Check, rules: unknown): CompiledProfileRule[] {
  if (!Array.isArray(rules)) {
    check.problems.push({ pointer: '/rules', message: 'must be a list of { id, points, when }' });
    return [];
  }
  return rules.flatMap((rule: unknown, i) => {
    const at = `/rules/${i}`;
    if (!isPlainObject(rule)) {
      check.problems.push({ pointer: at, message: 'must be an object { id, points, when }' });
      return [];
    }
    unknownKeys(check, rule, PROFILE_KEYS, at);
    const id = ruleId(check, rule['id'], at);
    const value = points(check, rule['points'], `${at}/points`);
    if (!('when' in rule)) check.problems.push({ pointer: at, message: 'needs a "when" condition' });
    const when = condition(check, rule['when'], `${at}/when`);
    return when ? [{ id, points: value, when }] : [];
  });
}

function behaviourRule(check: Check, rule: unknown, at: string): CompiledBehaviourRule[] {
  if (!isPlainObject(rule)) {
    check.problems.push({ pointer: at, message: 'must be an object { id, event, points, when?, cap?, once? }' });
    return [];
  }
  unknownKeys(check, rule, BEHAVIOUR_KEYS, at);
  const id = ruleId(check, rule['id'], at);
  const event = rule['event'];
  if (typeof event !== 'string' || event === '')
    check.problems.push({ pointer: `${at}/event`, message: 'must be an event type' });
  const value = points(check, rule['points'], `${at}/points`);
  const { cap, once } = rule;
  if (cap !== undefined && (!isNumber(cap) || cap <= 0))
    check.problems.push({ pointer: `${at}/cap`, message: 'must be a positive number' });
  if (once !== undefined && typeof once !== 'boolean')
    check.problems.push({ pointer: `${at}/once`, message: 'must be true or false' });
  const when = rule['when'] === undefined ? undefined : condition(check, rule['when'], `${at}/when`);
  return [{ id, event: event as string, points: value, when, cap: cap as number | undefined, once: once === true }];
}

function behaviourRules(check: Check, behaviour: unknown): CompiledBehaviourRule[] {
  if (behaviour === undefined) return [];
  if (Array.isArray(behaviour)) return behaviour.flatMap((rule, i) => behaviourRule(check, rule, `/behaviour/${i}`));
  if (isPlainObject(behaviour)) {
    // DESIGN.md's shorthand: { "pricing.viewed": 10 } is a rule "pricing.viewed" on that event.
    return Object.entries(behaviour).flatMap(([event, value]) =>
      behaviourRule(
        check,
        { id: event, event, points: value },
        `/behaviour/${event.replaceAll('~', '~0').replaceAll('/', '~1')}`,
      ),
    );
  }
  check.problems.push({
    pointer: '/behaviour',
    message: 'must be a list of behaviour rules or an { "event.type": points } map',
  });
  return [];
}

function decayOf(check: Check, decay: unknown): DecayDefinition | undefined {
  if (decay === undefined) return undefined;
  if (isPlainObject(decay)) {
    const keys = Object.keys(decay).sort().join(',');
    const { inactiveDays, points: lost, halfLifeDays } = decay;
    if (
      keys === 'inactiveDays,points' &&
      Number.isInteger(inactiveDays) &&
      (inactiveDays as number) > 0 &&
      isNumber(lost) &&
      lost <= 0
    ) {
      return { inactiveDays: inactiveDays as number, points: lost };
    }
    if (keys === 'halfLifeDays' && isNumber(halfLifeDays) && halfLifeDays > 0) return { halfLifeDays };
  }
  check.problems.push({
    pointer: '/decay',
    message: 'must be { "inactiveDays": whole days > 0, "points": ≤ 0 } or { "halfLifeDays": days > 0 }',
  });
  return undefined;
}

function bound(check: Check, value: unknown, at: string): number | undefined {
  if (value === undefined || isNumber(value)) return value;
  check.problems.push({ pointer: at, message: 'must be a number' });
  return undefined;
}

/**
 * Checks a scoring model (`scoring/<name>.json`) and compiles its conditions once. Problems carry JSON
 * pointers into the model; a condition's own problems are prefixed with its rule's pointer.
 */
export function compileScoringModel(
  model: unknown,
  registry: OperatorRegistry,
  limits: Partial<RuleLimits> = {},
): CompileScoringModelResult {
  const check: Check = { problems: [], ids: new Set(), registry, limits, roots: new Map() };
  if (!isPlainObject(model))
    return { ok: false, problems: [{ pointer: '', message: 'a scoring model must be an object' }] };
  unknownKeys(check, model, MODEL_KEYS, '');
  const id = model['id'];
  if (typeof id !== 'string' || id === '') check.problems.push({ pointer: '/id', message: 'must be a non-empty id' });
  const profile = profileRules(check, model['rules']);
  const behaviour = behaviourRules(check, model['behaviour']);
  const decay = decayOf(check, model['decay']);
  const floor = bound(check, model['floor'], '/floor');
  const ceiling = bound(check, model['ceiling'], '/ceiling');
  if (floor !== undefined && ceiling !== undefined && floor > ceiling) {
    check.problems.push({ pointer: '/floor', message: `floor (${floor}) must not be above ceiling (${ceiling})` });
  }
  const { grades, mqlThreshold } = checkGrades(model['grades'], model['mqlThreshold'], check.problems);
  if (check.problems.length > 0) return { ok: false, problems: check.problems };
  // Every profile condition in ONE generated function (one outcome per rule, in order); none under a CSP.
  const profileConditions =
    profile.length > 0
      ? compileRuleSet(
          profile.map((rule) => check.roots.get(rule.when)!),
          { ...DEFAULT_RULE_LIMITS, ...limits },
        )
      : undefined;
  return {
    ok: true,
    model: Object.freeze({
      id: id as string,
      profile,
      behaviour,
      decay,
      floor,
      ceiling,
      grades,
      mqlThreshold,
      ...(profileConditions ? { profileConditions } : {}),
    }),
  };
}
