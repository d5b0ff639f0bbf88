import type { Prng } from './prng.js';
import type { DemoActivity, DemoStageStay } from './types.js';

type Kind = DemoActivity['kind'];

/** What the owner does while a lead sits in a stage: [kind, outcome, summary, chance]. */
const WORK: Readonly<Record<string, readonly (readonly [Kind, string, string, number])[]>> = {
  new: [['call', 'connected', '首次电话，确认联系方式与兴趣', 1]],
  first_contact: [
    ['call', 'connected', '电话沟通业务现状与痛点', 1],
    ['email', 'sent', '发送产品介绍与案例', 0.6],
  ],
  needs_assessment: [
    ['meeting', 'held', '需求调研会议', 1],
    ['email', 'sent', '发送需求确认纪要', 0.7],
  ],
  proposal: [
    ['visit', 'completed', '上门讲解方案与报价', 1],
    ['email', 'sent', '发送正式报价单', 0.8],
  ],
  negotiation: [
    ['meeting', 'held', '商务条款谈判', 1],
    ['call', 'connected', '跟进合同审批进度', 0.6],
  ],
};

const MINUTES: Readonly<Record<Kind, readonly [number, number]>> = {
  call: [3, 25],
  email: [0, 0],
  visit: [60, 180],
  meeting: [30, 90],
};

/**
 * The owner's calls, emails, visits and meetings during each stay (before `now`), oldest first. A
 * first call on a lead that was then lost found nobody; a stay still open has had some of its work.
 */
export function demoActivities(
  rng: Prng,
  recordId: string,
  ownerId: string,
  stays: readonly DemoStageStay[],
  nowMs: number,
): DemoActivity[] {
  const out: DemoActivity[] = [];
  stays.forEach((stay, i) => {
    const plan = WORK[stay.stage];
    if (!plan) return;
    const from = Date.parse(stay.enteredAt);
    const to = stay.exitedAt === null ? nowMs : Date.parse(stay.exitedAt);
    const lostNext = stays[i + 1]?.stage === 'lost';
    for (const [kind, outcome, summary, chance] of plan) {
      if (!rng.chance(stay.exitedAt === null ? chance * 0.6 : chance)) continue;
      const [lo, hi] = MINUTES[kind];
      const at = Math.floor(from + 60_000 + rng.next() * Math.max(0, to - from - 120_000));
      const missed = kind === 'call' && lostNext && stay.stage === 'new';
      out.push({
        id: rng.uuid(),
        recordId,
        kind,
        outcome: missed ? 'no_answer' : outcome,
        summary: missed ? '电话未接通' : summary,
        occurredAt: new Date(at).toISOString(),
        durationMinutes: kind === 'email' ? null : rng.int(lo, hi),
        actorId: ownerId,
      });
    }
  });
  return out.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
}
