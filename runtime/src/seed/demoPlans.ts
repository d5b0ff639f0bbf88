import { arrivalShare, DAY_MS, type DemoMonth, demoMonths } from './demoCalendar.js';
import type { DemoPeople } from './demoPeople.js';
import { CHANNEL_COST_PER_LEAD, CHANNEL_WEIGHTS, CHANNELS, REGION_WEIGHTS, REGIONS } from './demoVocabulary.js';
import { prng } from './prng.js';
import type { DemoRecord } from './types.js';

/** Roughly what share of leads is won, and the mean won amount (CNY): goals are set near them. */
const EXPECTED_WIN_RATE = 0.09;
const EXPECTED_WON_AMOUNT = 350_000;

const total = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

function planRecord(
  id: string,
  object: 'channel_cost' | 'goal',
  data: Record<string, unknown>,
  atMs: number,
  owner: string | null,
  team: string | null,
  createdBy: string,
): DemoRecord {
  const at = new Date(atMs).toISOString();
  return { id, object, data, ownerId: owner, teamId: team, createdBy, createdAt: at, updatedAt: at, attribution: null };
}

/**
 * One `channel_cost` record per channel and month (the current, partial month included): the
 * month's expected leads on the channel × the channel's cost per lead, ±20%, at least 500.
 */
export function demoChannelCosts(seed: number, leads: number, nowMs: number, people: DemoPeople): DemoRecord[] {
  const rng = prng(seed, 0xc057);
  const weightSum = total(CHANNEL_WEIGHTS);
  const out: DemoRecord[] = [];
  for (const m of demoMonths(nowMs)) {
    const share = arrivalShare(nowMs, m.fromMs, m.toMs);
    CHANNELS.forEach((channel, i) => {
      const expected = leads * share * ((CHANNEL_WEIGHTS[i] ?? 0) / weightSum);
      const cost = Math.max(
        500,
        Math.round((expected * CHANNEL_COST_PER_LEAD[channel] * (0.8 + 0.4 * rng.next())) / 100) * 100,
      );
      const campaign =
        channel === 'web_form' || channel === 'ads' || channel === 'event'
          ? { campaign: `${channel}-${m.month.slice(0, 4)}q${Math.floor((Number(m.month.slice(5, 7)) - 1) / 3) + 1}` }
          : {};
      out.push(
        planRecord(
          rng.uuid(),
          'channel_cost',
          { channel, month: m.month, cost, ...campaign },
          Math.min(Math.max(m.fromMs, nowMs - 365 * DAY_MS), nowMs),
          null,
          null,
          people.admin.id,
        ),
      );
    });
  }
  return out;
}

interface Period {
  readonly start: string;
  readonly end: string;
  readonly fromMs: number;
  readonly toMs: number;
}

function quarters(months: readonly DemoMonth[]): Period[] {
  const out: Period[] = [];
  for (const m of months) {
    const q = Math.floor((Number(m.month.slice(5, 7)) - 1) / 3);
    const key = `${m.month.slice(0, 4)}-${String(q * 3 + 1).padStart(2, '0')}-01`;
    const last = out.at(-1);
    if (last && last.start === key) out[out.length - 1] = { ...last, end: m.lastDay, toMs: m.toMs };
    else out.push({ start: key, end: m.lastDay, fromMs: m.fromMs, toMs: m.toMs });
  }
  // A quarter's goal covers the whole quarter even where the demo year cuts it.
  return out.map((p) => {
    const y = Number(p.start.slice(0, 4));
    const endMonth = Number(p.start.slice(5, 7)) + 2;
    const end = new Date(Date.UTC(y, endMonth, 0)).toISOString().slice(0, 10);
    return { ...p, end };
  });
}

/**
 * Goals: each rep per month and each team per quarter, near what the rep's (team's) expected share
 * of leads should win (±20%), so completion lands around 100% with winners and laggards.
 */
export function demoGoals(seed: number, leads: number, nowMs: number, people: DemoPeople): DemoRecord[] {
  const rng = prng(seed, 0x90a1);
  const regionSum = total(REGION_WEIGHTS);
  const repShare = new Map<string, number>();
  for (const team of people.teams) {
    const regions = REGIONS.filter((r) => people.repsByRegion.get(r)?.[0]?.user.teamId === team.id);
    const teamShare = total(regions.map((r) => REGION_WEIGHTS[REGIONS.indexOf(r)] ?? 0)) / regionSum;
    const reps = people.reps.filter((r) => r.user.teamId === team.id);
    const shares = total(reps.map((r) => r.share));
    for (const r of reps) repShare.set(r.user.id, (teamShare * r.share * r.skill) / shares);
  }
  const target = (share: number, p: { fromMs: number; toMs: number }) => {
    const wins = leads * arrivalShare(nowMs, p.fromMs, p.toMs) * EXPECTED_WIN_RATE * share * (0.8 + 0.4 * rng.next());
    return {
      target_amount: Math.max(50_000, Math.round((wins * EXPECTED_WON_AMOUNT) / 10_000) * 10_000),
      target_wins: Math.max(1, Math.round(wins)),
    };
  };
  const months = demoMonths(nowMs);
  const out: DemoRecord[] = [];
  const createdAt = (fromMs: number) => Math.min(Math.max(fromMs, nowMs - 365 * DAY_MS), nowMs);
  for (const m of months) {
    for (const r of people.reps) {
      const data = {
        user: r.user.id,
        period_start: m.month,
        period_end: m.lastDay,
        ...target(repShare.get(r.user.id) ?? 0, m),
      };
      out.push(planRecord(rng.uuid(), 'goal', data, createdAt(m.fromMs), r.user.id, r.user.teamId, people.admin.id));
    }
  }
  for (const q of quarters(months)) {
    for (const team of people.teams) {
      const share = total(
        people.reps.filter((r) => r.user.teamId === team.id).map((r) => repShare.get(r.user.id) ?? 0),
      );
      const data = { team_id: team.id, period_start: q.start, period_end: q.end, ...target(share, q) };
      out.push(planRecord(rng.uuid(), 'goal', data, createdAt(q.fromMs), team.managerId, team.id, people.admin.id));
    }
  }
  return out;
}
