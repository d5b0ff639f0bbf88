import { PAGES } from './demoVocabulary.js';
import type { Prng } from './prng.js';
import type { DemoActivity, DemoEvent, DemoStageStay } from './types.js';

export interface BehaviourContext {
  readonly id: string;
  readonly createdMs: number;
  /** Behaviour stops three weeks after the last move (or at `now`). */
  readonly lifeEndMs: number;
  /** 0..1: how interested the lead is (more visits, webinars, pricing views). */
  readonly interest: number;
  readonly touch: { readonly channel: string; readonly form?: string; readonly utm?: unknown };
  readonly data: Readonly<Record<string, unknown>>;
  readonly stays: readonly DemoStageStay[];
  readonly activities: readonly DemoActivity[];
}

/**
 * The lead's events, oldest first: the capture (`form.submitted` for form channels,
 * `record.captured` otherwise), what the lead did afterwards (page views, pricing, whitepapers,
 * webinars, email opens and clicks), and the `stage.changed` / `activity.logged` events the
 * product writes with each move and activity.
 */
export function demoBehaviour(rng: Prng, c: BehaviourContext): DemoEvent[] {
  const events: DemoEvent[] = [];
  const add = (type: string, ms: number, data: Record<string, unknown>) =>
    events.push({ id: rng.uuid(), recordId: c.id, type, at: new Date(ms).toISOString(), data });
  const later = () => Math.floor(c.createdMs + 1000 + rng.next() * Math.max(0, c.lifeEndMs - c.createdMs - 2000));

  const { at: _at, ...where } = c.touch as { at?: string; channel: string };
  const captured = { ...where, outcome: 'created', fields: Object.keys(c.data).sort() };
  add(c.touch.form !== undefined ? 'form.submitted' : 'record.captured', c.createdMs, captured);
  if (c.touch.form === 'whitepaper-download') add('whitepaper.downloaded', c.createdMs + 1000, { form: c.touch.form });

  const views = Math.floor(c.interest * 4) + rng.int(0, 2);
  for (let i = 0; i < views; i++) add('page.viewed', later(), { path: rng.pick(PAGES) });
  const pricing = c.interest > 0.45 ? rng.int(1, 3) : rng.chance(0.15) ? 1 : 0;
  for (let i = 0; i < pricing; i++) add('pricing.viewed', later(), { path: '/pricing' });
  if (rng.chance(0.15 + 0.35 * c.interest)) add('whitepaper.downloaded', later(), { asset: 'b2b-lead-playbook' });
  if (rng.chance(0.1 + 0.5 * c.interest)) {
    add('webinar.attended', later(), { webinar: 'monthly-product-tour' });
    if (rng.chance(0.3)) add('webinar.attended', later(), { webinar: 'customer-success-stories' });
  }
  const opens = rng.int(0, 1 + Math.floor(2 * c.interest));
  for (let i = 0; i < opens; i++) {
    const at = later();
    add('email.opened', at, { campaign: 'warm-up' });
    if (rng.chance(0.4 * c.interest)) add('email.clicked', Math.min(at + 60_000, c.lifeEndMs), { campaign: 'warm-up' });
  }
  for (const s of c.stays) {
    if (s.fromStage === null) continue;
    add('stage.changed', Date.parse(s.enteredAt), {
      pipeline: 'lead',
      from: s.fromStage,
      to: s.stage,
      reason: s.reason,
      ...(s.stage === 'won' || s.stage === 'lost' ? { outcome: s.stage } : {}),
    });
  }
  for (const a of c.activities) {
    add('activity.logged', Date.parse(a.occurredAt), {
      activityId: a.id,
      kind: a.kind,
      outcome: a.outcome,
      actor: a.actorId,
    });
  }
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
