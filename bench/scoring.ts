// Scoring rules: the compiled evaluator vs json-logic-js `apply`, the same 50-rule model over the same
// 100,000 generated leads; every record's fired rules must be identical. Goal ≥ 20.
// Last line: `scoring ratio=<compiled speed ÷ json-logic-js speed>`.
import jsonLogic from 'json-logic-js';
import { builtinOperatorsPlugin } from '../engine/src/plugins/builtin/index.js';
import { compileRule, createOperatorRegistry, jsonLogicTruthy, type RuleOperator } from '../engine/src/rules/index.js';
import { compileScoringModel, scoreLead } from '../engine/src/scoring/index.js';

const RECORDS = Number(process.env['BENCH_SCORING_RECORDS'] ?? 100_000);
const ROUNDS = 5;
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

export async function run(): Promise<void> {
  const rules = fiftyRules();
  if (rules.length !== 50) throw new Error(`the model has ${rules.length} rules, not 50`);
  const registry = createOperatorRegistry();
  const compiled = rules.map((rule) => {
    const result = compileRule(rule.when, registry);
    if (!result.ok) throw new Error(`${rule.id}: ${JSON.stringify(result.problems)}`);
    return result;
  });
  builtinOperatorsPlugin.setup({
    registerOperator: (name: string, operator: RuleOperator) =>
      jsonLogic.add_operation(name, (...args: unknown[]) => operator.evaluate(args, context)),
  });
  const r = prng(42);
  const records = Array.from({ length: RECORDS }, (_, i) => aLead(r, i));
  const whens = rules.map((rule) => rule.when as jsonLogic.RulesLogic);
  const ours: Evaluate = (k, record) => {
    const outcome = compiled[k]!.evaluate(record, context);
    return outcome.ok && jsonLogicTruthy(outcome.value);
  };
  const reference: Evaluate = (k, record) => jsonLogic.truthy(jsonLogic.apply(whens[k]!, record));

  const firedOurs = new Uint8Array(RECORDS * rules.length);
  const firedReference = new Uint8Array(RECORDS * rules.length);
  const warm = records.slice(0, 5000);
  timeBatch(warm, rules.length, ours, firedOurs);
  timeBatch(warm, rules.length, reference, firedReference);
  const oursMs: number[] = [];
  const referenceMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    referenceMs.push(timeBatch(records, rules.length, reference, firedReference));
    oursMs.push(timeBatch(records, rules.length, ours, firedOurs));
  }
  let mismatches = 0;
  for (let i = 0; i < firedOurs.length; i++) if (firedOurs[i] !== firedReference[i]) mismatches++;
  if (mismatches > 0)
    throw new Error(`scoring bench: ${mismatches} rule results differ between compiled and json-logic-js`);
  let firedTotal = 0;
  for (const bit of firedOurs) firedTotal += bit;

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
  const scoreStart = performance.now();
  let hot = 0;
  for (const record of records) if (scoreLead(model.model, record, [], context.now).mql) hot++;
  const scoreMs = performance.now() - scoreStart;

  const best = (list: number[]) => Math.min(...list);
  const evaluations = RECORDS * rules.length;
  const rate = (ms: number) => `${(((evaluations / ms) * 1000) / 1e6).toFixed(2)} M rule evaluations/s`;
  console.log(
    `scoring: ${rules.length} rules × ${RECORDS.toLocaleString('en')} leads, ${firedTotal.toLocaleString('en')} rules fired, 0 mismatches`,
  );
  console.log(
    `  json-logic-js apply: ${best(referenceMs).toFixed(0)} ms (${rate(best(referenceMs))}), rounds ${referenceMs.map((ms) => ms.toFixed(0)).join('/')}`,
  );
  console.log(
    `  compiled evaluate:   ${best(oursMs).toFixed(0)} ms (${rate(best(oursMs))}), rounds ${oursMs.map((ms) => ms.toFixed(0)).join('/')}`,
  );
  console.log(`  scoreLead (fit, grade, explanation): ${scoreMs.toFixed(0)} ms, ${hot.toLocaleString('en')} MQLs`);
  console.log(`scoring ratio=${(best(referenceMs) / best(oursMs)).toFixed(1)}`);
}
