import { FREEMAIL_DOMAINS } from './demoVocabulary.js';
import type { DemoEvent, DemoFiredLine, DemoScore } from './types.js';

/** [rule id, event type, points, cap on the rule's total, once] — as in samples/b2b-saas/scoring/*.json. */
type Behaviour = readonly [string, string, number, number, boolean];

const FIT_BEHAVIOUR: readonly Behaviour[] = [
  ['whitepaper', 'whitepaper.downloaded', 5, 15, false],
  ['pricing', 'pricing.viewed', 10, 30, false],
  ['webinar', 'webinar.attended', 15, 45, false],
];
const ENGAGEMENT_BEHAVIOUR: readonly Behaviour[] = [
  ['page-view', 'page.viewed', 1, 20, false],
  ['email-open', 'email.opened', 1, 10, false],
  ['email-click', 'email.clicked', 3, 15, false],
  ['pricing-visit', 'pricing.viewed', 10, 10, true],
  ['webinar-visit', 'webinar.attended', 15, 15, true],
  ['form-submitted', 'form.submitted', 5, 15, false],
];
const FIT_MQL = 60;

function fitRules(data: Readonly<Record<string, unknown>>): [string, number][] {
  const fired: [string, number][] = [];
  if (['saas', 'finance', 'manufacturing'].includes(data['industry'] as string)) fired.push(['target-industry', 5]);
  if (['ceo', 'cto', 'vp', 'director'].includes(data['role'] as string)) fired.push(['decision-maker', 10]);
  if ((data['employees'] as number) > 500) fired.push(['large-company', 8]);
  const domain = String(data['email'] ?? '').split('@')[1] ?? '';
  if (FREEMAIL_DOMAINS.includes(domain)) fired.push(['personal-email', -5]);
  return fired;
}

function run(
  recordId: string,
  model: 'fit' | 'engagement',
  createdMs: number,
  start: [string, number][],
  behaviour: readonly Behaviour[],
  events: readonly DemoEvent[],
  bounds: readonly [number, number],
  grade: (score: number) => string,
  mqlAt: number | null,
): DemoScore {
  const clamp = (n: number) => Math.min(bounds[1], Math.max(bounds[0], n));
  const earned = new Map<string, number>();
  const fired: DemoFiredLine[] = start.map(([ruleId, points]) => ({ ruleId, kind: 'profile', points }));
  let score = clamp(start.reduce((s, [, p]) => s + p, 0));
  let raw = start.reduce((s, [, p]) => s + p, 0);
  let scoredMs = createdMs;
  let mql: number | null = mqlAt !== null && score >= mqlAt ? createdMs : null;
  for (const e of events) {
    for (const [id, type, points, cap, once] of behaviour) {
      if (e.type !== type) continue;
      const sofar = earned.get(id) ?? 0;
      const gain = once ? (sofar > 0 ? 0 : points) : Math.min(points, cap - sofar);
      if (gain <= 0) continue;
      earned.set(id, sofar + gain);
      fired.push({ ruleId: id, kind: 'behaviour', points: gain, eventId: e.id });
      raw += gain;
      score = clamp(raw);
      scoredMs = Date.parse(e.at);
      if (mqlAt !== null && mql === null && score >= mqlAt) mql = scoredMs;
    }
  }
  if (score !== raw)
    fired.push({
      ruleId: score > raw ? 'floor' : 'ceiling',
      kind: score > raw ? 'floor' : 'ceiling',
      points: score - raw,
    });
  return {
    recordId,
    model,
    score,
    grade: grade(score),
    mql: mql !== null,
    mqlAt: mql === null ? null : new Date(mql).toISOString(),
    scoredAt: new Date(scoredMs).toISOString(),
    fired,
  };
}

/**
 * The lead's `fit` and `engagement` results, replaying its events through the sample's models
 * (rules on the captured fields, behaviour points with their caps; decay is not replayed). `fit`
 * writes the lead's `score`/`grade` and makes the MQL (60 points, first reached at `mqlAt`).
 */
export function demoScores(
  recordId: string,
  createdMs: number,
  data: Readonly<Record<string, unknown>>,
  events: readonly DemoEvent[],
): [DemoScore, DemoScore] {
  const fit = run(
    recordId,
    'fit',
    createdMs,
    fitRules(data),
    FIT_BEHAVIOUR,
    events,
    [-100, 100],
    (s) => (s >= 60 ? 'hot' : s >= 30 ? 'warm' : 'cold'),
    FIT_MQL,
  );
  const engagement = run(
    recordId,
    'engagement',
    createdMs,
    [],
    ENGAGEMENT_BEHAVIOUR,
    events,
    [0, 100],
    (s) => (s >= 40 ? 'hot' : s >= 15 ? 'warm' : 'cold'),
    null,
  );
  return [fit, engagement];
}
