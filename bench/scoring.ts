// Scoring rules: the compiled evaluator vs json-logic-js `apply`, the same 50-rule model over the same
// 100,000 generated leads; every record's fired rules must be identical in every mode (closures,
// generated code per rule, the model's one generated function). Goal ≥ 20. Best and median of ROUNDS
// (wall clock); each mode's CPU time is printed too, as a check on a loaded machine.
// Last line: `scoring ratio=<fastest mode's speed ÷ json-logic-js speed>` (best round of each).
import jsonLogic from 'json-logic-js';
import {
  between,
  builtinOperatorsPlugin,
  contains,
  domain,
  freemail,
  startsWith,
} from '../engine/src/plugins/builtin/index.js';
import type { RuleSetFunction } from '../engine/src/rules/codegen/compileRuleSet.js';
import {
  compileRule,
  compileRuleToFunction,
  createOperatorRegistry,
  jsonLogicTruthy,
  type RuleOperator,
  type RuleOutcome,
} from '../engine/src/rules/index.js';
import { compileScoringModel, scoreLead } from '../engine/src/scoring/index.js';

const RECORDS = Number(process.env['BENCH_SCORING_RECORDS'] ?? 100_000);
const ROUNDS = Number(process.env['BENCH_SCORING_ROUNDS'] ?? 7);
const context = { now: new Date('2026-03-02T09:00:00Z') };

function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    int: (a: number, b: number) => a + Math.floor(next() * (b - a + 1)),
  };
}

const PRODUCTS = ['crm', 'erp', 'bi', 'hr', 'scm', 'iot', 'ai', 'cloud'];
const REGIONS = ['east', 'north', 'south', 'west', 'central'];
const CITIES = ['Shanghai', 'Beijing', 'Shenzhen', 'Hangzhou', 'Chengdu', 'Berlin', 'Austin'];

/** A realistic B2B model: 50 fit rules over industry, role, size, mail, domains, dates, interests, UTM. */
function fiftyRules(): { id: string; points: number; when: unknown }[] {
  const rules: { id: string; points: number; when: unknown }[] = [
    { id: 'target-industry', points: 5, when: { in: [{ var: 'industry' }, ['saas', 'manufacturing']] } },
    { id: 'decision-maker', points: 10, when: { in: [{ var: 'role' }, ['ceo', 'cto', 'vp']] } },
    { id: 'large-company', points: 8, when: { '>': [{ var: 'employees' }, 500] } },
    { id: 'personal-email', points: -5, when: { freemail: [{ var: 'email' }] } },
    { id: 'mid-market', points: 4, when: { between: [{ var: 'employees' }, 50, 500] } },
    { id: 'director-title', points: 5, when: { contains: [{ var: 'title' }, 'Director'] } },
    { id: 'manager-title', points: 2, when: { contains: [{ var: 'title' }, 'Manager'] } },
    {
      id: 'same-domain',
      points: 6,
      when: { '==': [{ domain: [{ var: 'email' }] }, { domain: [{ var: 'website' }] }] },
    },
    {
      id: 'cn-tier1',
      points: 3,
      when: {
        and: [{ '==': [{ var: 'country' }, 'CN'] }, { in: [{ var: 'city' }, ['Shanghai', 'Beijing', 'Shenzhen']] }],
      },
    },
    {
      id: 'paid-search',
      points: 2,
      when: { or: [{ '==': [{ var: 'utm.source' }, 'google'] }, { '==': [{ var: 'utm.source' }, 'baidu'] }] },
    },
    { id: 'big-revenue', points: 7, when: { '>': [{ var: 'revenue' }, 10_000_000] } },
    { id: 'budget-ready', points: 9, when: { between: [{ var: 'budget' }, 100_000, 5_000_000] } },
    { id: 'recent-lead', points: 4, when: { between: [{ var: 'created_at' }, '2026-02-01', '2026-03-02T09:00:00Z'] } },
    { id: 'no-consent', points: -10, when: { '==': [{ var: 'consent' }, false] } },
    {
      id: 'student',
      points: -8,
      when: { or: [{ '==': [{ var: 'role' }, 'student'] }, { contains: [{ var: 'email' }, '.edu'] }] },
    },
    { id: 'competitor', points: -20, when: { in: [{ domain: [{ var: 'email' }] }, ['globex.com', 'initech.com']] } },
    { id: 'event-tag', points: 3, when: { contains: [{ var: 'tags' }, 'event'] } },
    { id: 'partner-tag', points: 6, when: { contains: [{ var: 'tags' }, 'partner'] } },
    { id: 'email-campaign', points: 1, when: { '==': [{ var: 'utm.medium' }, 'email'] } },
    { id: 'has-phone', points: 2, when: { '!!': [{ var: 'phone' }] } },
    {
      id: 'enterprise-it',
      points: 6,
      when: { and: [{ '>': [{ var: 'employees' }, 1000] }, { in: [{ var: 'role' }, ['cto', 'cio']] }] },
    },
    {
      id: 'smb-owner',
      points: 3,
      when: { and: [{ '<': [{ var: 'employees' }, 50] }, { '==': [{ var: 'role' }, 'ceo'] }] },
    },
    { id: 'finance-sector', points: 4, when: { '==': [{ var: 'industry' }, 'finance'] } },
    { id: 'retail-sector', points: 1, when: { '==': [{ var: 'industry' }, 'retail'] } },
    { id: 'education-sector', points: -2, when: { '==': [{ var: 'industry' }, 'education'] } },
    { id: 'western-office', points: 1, when: { in: [{ var: 'city' }, ['Berlin', 'Austin']] } },
  ];
  for (const product of PRODUCTS) {
    rules.push({ id: `interest-${product}`, points: 2, when: { contains: [{ var: 'interests' }, product] } });
  }
  for (const region of REGIONS) {
    rules.push({ id: `region-${region}`, points: 1, when: { '==': [{ var: 'region' }, region] } });
  }
  for (const [i, band] of [
    [0, 10],
    [11, 100],
    [101, 1000],
    [1001, 10_000],
  ].entries()) {
    rules.push({ id: `size-band-${i}`, points: i, when: { between: [{ var: 'employees' }, band[0], band[1]] } });
  }
  rules.push(
    {
      id: 'corporate-site',
      points: 2,
      when: { and: [{ domain: [{ var: 'website' }] }, { '!': { freemail: [{ var: 'email' }] } }] },
    },
    { id: 'cn-mobile', points: 1, when: { startsWith: [{ var: 'phone' }, '+86'] } },
    { id: 'wechat-source', points: 2, when: { '==': [{ var: 'utm.source' }, 'wechat'] } },
    {
      id: 'qq-mail-exec',
      points: -2,
      when: { and: [{ freemail: [{ var: 'email' }] }, { in: [{ var: 'role' }, ['ceo', 'cto', 'vp']] }] },
    },
    { id: 'high-intent-campaign', points: 3, when: { contains: [{ var: 'utm.campaign' }, 'demo'] } },
    { id: 'no-website', points: -1, when: { '!': [{ var: 'website' }] } },
    {
      id: 'manufacturing-large',
      points: 4,
      when: { and: [{ '==': [{ var: 'industry' }, 'manufacturing'] }, { '>=': [{ var: 'employees' }, 300] }] },
    },
  );
  return rules;
}

function aLead(r: ReturnType<typeof prng>, i: number): Record<string, unknown> {
  const company = `co${i % 5000}.com`;
  const free = r.next() < 0.3;
  const lead: Record<string, unknown> = {
    name: `Lead ${i}`,
    email: free
      ? `u${i}@${r.pick(['qq.com', '163.com', 'gmail.com', 'outlook.com'])}`
      : `u${i}@${r.next() < 0.05 ? 'globex.com' : company}`,
    website: r.next() < 0.8 ? `https://www.${company}/` : null,
    industry: r.pick(['saas', 'manufacturing', 'retail', 'finance', 'education', 'other']),
    role: r.pick(['ceo', 'cto', 'cio', 'vp', 'manager', 'engineer', 'student']),
    title: r.pick(['Sales Director', 'IT Manager', 'Engineer', 'Founder', 'Director of Ops']),
    employees: r.int(1, 8000),
    revenue: r.int(0, 50) * 1_000_000,
    budget: r.next() < 0.5 ? r.int(0, 60) * 100_000 : null,
    country: r.pick(['CN', 'CN', 'US', 'DE']),
    city: r.pick(CITIES),
    region: r.pick(REGIONS),
    consent: r.next() < 0.9,
    phone: r.next() < 0.7 ? `+86 1${r.int(300_000_000, 999_999_999)}` : '',
    created_at: `2026-0${r.int(1, 2)}-${String(r.int(1, 28)).padStart(2, '0')}T0${r.int(0, 9)}:00:00Z`,
    utm: {
      source: r.pick(['google', 'baidu', 'wechat', 'event']),
      medium: r.pick(['cpc', 'email', 'qr']),
      campaign: r.pick(['demo-q1', 'brand', 'webinar']),
    },
    interests: Array.from({ length: r.int(0, 3) }, () => r.pick(PRODUCTS)),
    tags: Array.from({ length: r.int(0, 2) }, () => r.pick(['event', 'partner', 'vip'])),
  };
  if (r.next() < 0.1) delete lead['industry'];
  // Records reach the scorer parsed from the store's jsonb, as plain JSON objects.
  return JSON.parse(JSON.stringify(lead));
}

type Evaluate = (rule: number, record: Record<string, unknown>) => boolean;

/** Milliseconds for the whole batch; `fired` gets one byte per record × rule. */
function timeBatch(
  records: readonly Record<string, unknown>[],
  ruleCount: number,
  evaluate: Evaluate,
  fired: Uint8Array,
): number {
  const start = performance.now();
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const base = i * ruleCount;
    for (let k = 0; k < ruleCount; k++) fired[base + k] = evaluate(k, record) ? 1 : 0;
  }
  return performance.now() - start;
}

/**
 * Milliseconds for the whole batch through a rule-set function: one call per record, which writes one
 * outcome per rule straight into `fired` (1 truthy, 0 not, 2 failed: a failure is a mismatch).
 */
function timeSet(
  records: readonly Record<string, unknown>[],
  ruleCount: number,
  conditions: RuleSetFunction,
  fired: Uint8Array,
): number {
  let failures = 0;
  const start = performance.now();
  for (let i = 0; i < records.length; i++) {
    if (conditions(records[i]!, context, fired, i * ruleCount) !== null) failures++;
  }
  const ms = performance.now() - start;
  if (failures > 0) throw new Error(`scoring bench: the model function failed on ${failures} records`);
  return ms;
}

function mismatchesOf(a: Uint8Array, b: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) count++;
  return count;
}

/**
 * The built-in operator calls this model needs per lead (each distinct call once), made through the
 * plugin interface and timed alone: what calling them costs. The model's function no longer pays it
 * (it writes the built-ins inline), so this is a reference, not a floor.
 */
function timePluginCalls(records: readonly Record<string, unknown>[]): number {
  const recent = between.prepare!([undefined, '2026-02-01', '2026-03-02T09:00:00Z'])!;
  const bands = [
    [50, 500],
    [100_000, 5_000_000],
    [0, 10],
    [11, 100],
    [101, 1000],
    [1001, 10_000],
  ].map(([low, high]) => between.prepare!([undefined, low, high])!);
  let sink = 0;
  const start = performance.now();
  for (const lead of records) {
    const email = lead['email'];
    sink += freemail.evaluate([email], context) ? 1 : 0;
    sink += domain.evaluate([email], context) === domain.evaluate([lead['website']], context) ? 1 : 0;
    sink += recent([lead['created_at']], context) ? 1 : 0;
    for (let i = 0; i < bands.length; i++)
      sink += bands[i]!([i === 1 ? lead['budget'] : lead['employees']], context) ? 1 : 0;
    sink += contains.evaluate([lead['title'], 'Director'], context) ? 1 : 0;
    sink += contains.evaluate([lead['title'], 'Manager'], context) ? 1 : 0;
    sink += contains.evaluate([email, '.edu'], context) ? 1 : 0;
    sink += contains.evaluate([lead['tags'], 'event'], context) ? 1 : 0;
    sink += contains.evaluate([lead['tags'], 'partner'], context) ? 1 : 0;
    for (const product of PRODUCTS) sink += contains.evaluate([lead['interests'], product], context) ? 1 : 0;
    sink += contains.evaluate([(lead['utm'] as Record<string, unknown>)['campaign'], 'demo'], context) ? 1 : 0;
    sink += startsWith.evaluate([lead['phone'], '+86'], context) ? 1 : 0;
  }
  const ms = performance.now() - start;
  if (sink < 0) throw new Error('unreachable');
  return ms;
}

/** Runs a timing, adding the process's CPU milliseconds it took to `cpu`; answers the timing's own (wall) figure. */
function withCpu(cpu: number[], timing: () => number): number {
  const start = process.cpuUsage();
  const ms = timing();
  const used = process.cpuUsage(start);
  cpu.push((used.user + used.system) / 1000);
  return ms;
}

const best = (list: readonly number[]) => Math.min(...list);
const median = (list: readonly number[]) => {
  const sorted = [...list].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export async function run(): Promise<void> {
  const rules = fiftyRules();
  if (rules.length !== 50) throw new Error(`the model has ${rules.length} rules, not 50`);
  const registry = createOperatorRegistry();
  const compile = <T extends { ok: boolean }>(fn: (when: unknown) => T) =>
    rules.map((rule) => {
      const result = fn(rule.when);
      if (!result.ok) throw new Error(`${rule.id}: ${JSON.stringify(result)}`);
      return result as T & { ok: true };
    });
  const closures = compile((when) => compileRule(when, registry));
  const generated = compile((when) => compileRuleToFunction(when, registry));
  if (generated.some((rule) => rule.mode !== 'codegen')) throw new Error('compileRuleToFunction fell back to closures');
  const model = compileScoringModel(
    {
      id: 'bench',
      rules,
      grades: [
        { min: 40, grade: 'hot', mql: true },
        { min: -1000, grade: 'cold' },
      ],
    },
    registry,
  );
  if (!model.ok) throw new Error(JSON.stringify(model.problems));
  const profileConditions = model.model.profileConditions;
  if (!profileConditions) throw new Error('the scoring model has no generated function');
  builtinOperatorsPlugin.setup({
    registerOperator: (name: string, operator: RuleOperator) =>
      jsonLogic.add_operation(name, (...args: unknown[]) => operator.evaluate(args, context)),
  });
  const r = prng(42);
  const records = Array.from({ length: RECORDS }, (_, i) => aLead(r, i));
  const whens = rules.map((rule) => rule.when as jsonLogic.RulesLogic);
  const each =
    (list: readonly { evaluate: (data: unknown, c: typeof context) => RuleOutcome }[]): Evaluate =>
    (k, record) => {
      const outcome = list[k]!.evaluate(record, context);
      return outcome.ok && jsonLogicTruthy(outcome.value);
    };
  const ours = each(closures);
  const oursGenerated = each(generated);
  const reference: Evaluate = (k, record) => jsonLogic.truthy(jsonLogic.apply(whens[k]!, record));

  const size = RECORDS * rules.length;
  const firedReference = new Uint8Array(size);
  const firedClosure = new Uint8Array(size);
  const firedGenerated = new Uint8Array(size);
  const firedModel = new Uint8Array(size);
  const warm = records.slice(0, 5000);
  for (let i = 0; i < 3; i++) {
    timeBatch(warm, rules.length, reference, firedReference);
    timeBatch(warm, rules.length, ours, firedClosure);
    timeBatch(warm, rules.length, oursGenerated, firedGenerated);
    timeSet(warm, rules.length, profileConditions, firedModel);
  }
  const referenceMs: number[] = [];
  const closureMs: number[] = [];
  const generatedMs: number[] = [];
  const modelMs: number[] = [];
  const pluginMs: number[] = [];
  const referenceCpu: number[] = [];
  const modelCpu: number[] = [];
  timePluginCalls(warm);
  for (let round = 0; round < ROUNDS; round++) {
    pluginMs.push(timePluginCalls(records));
    referenceMs.push(withCpu(referenceCpu, () => timeBatch(records, rules.length, reference, firedReference)));
    closureMs.push(timeBatch(records, rules.length, ours, firedClosure));
    generatedMs.push(timeBatch(records, rules.length, oursGenerated, firedGenerated));
    modelMs.push(withCpu(modelCpu, () => timeSet(records, rules.length, profileConditions, firedModel)));
  }
  for (const [name, fired] of [
    ['closure', firedClosure],
    ['codegen', firedGenerated],
    ['model function', firedModel],
  ] as const) {
    const mismatches = mismatchesOf(fired, firedReference);
    if (mismatches > 0)
      throw new Error(`scoring bench: ${mismatches} rule results differ between ${name} and json-logic-js`);
  }
  let firedTotal = 0;
  for (const bit of firedModel) firedTotal += bit;

  const scoreStart = performance.now();
  let hot = 0;
  for (const record of records) if (scoreLead(model.model, record, [], context.now).mql) hot++;
  const scoreMs = performance.now() - scoreStart;

  const evaluations = RECORDS * rules.length;
  const rate = (ms: number) => `${(((evaluations / ms) * 1000) / 1e6).toFixed(2)} M rule evaluations/s`;
  const line = (label: string, list: readonly number[]) =>
    `  ${label.padEnd(36)} best ${best(list).toFixed(0)} ms (${rate(best(list))}), median ${median(list).toFixed(0)} ms, ratio best ${(best(referenceMs) / best(list)).toFixed(1)} / median ${(median(referenceMs) / median(list)).toFixed(1)}; rounds ${list.map((ms) => ms.toFixed(0)).join('/')}`;
  console.log(
    `scoring: ${rules.length} rules × ${RECORDS.toLocaleString('en')} leads, ${firedTotal.toLocaleString('en')} rules fired, 0 mismatches in every mode, ${ROUNDS} rounds`,
  );
  console.log(line('json-logic-js apply:', referenceMs));
  console.log(line('closures, evaluate per rule:', closureMs));
  console.log(line('generated code, evaluate per rule:', generatedMs));
  console.log(line('generated model function (fastest):', modelMs));
  console.log(line('built-in plugin calls alone (reference):', pluginMs));
  console.log(
    `  CPU time of the process (every thread, GC helpers included), best round: json-logic-js ${best(referenceCpu).toFixed(0)} ms, model function ${best(modelCpu).toFixed(0)} ms, ratio ${(best(referenceCpu) / best(modelCpu)).toFixed(1)}`,
  );
  console.log(`  scoreLead (fit, grade, explanation): ${scoreMs.toFixed(0)} ms, ${hot.toLocaleString('en')} MQLs`);
  console.log(`scoring ratio=${(best(referenceMs) / best(modelMs)).toFixed(1)}`);
}
