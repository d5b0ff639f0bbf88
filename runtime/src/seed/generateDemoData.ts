import { LeadforgeError } from '@leadforge/engine';
import { demoLead } from './demoLead.js';
import { type DemoPeople, demoPeople } from './demoPeople.js';
import { demoChannelCosts, demoGoals } from './demoPlans.js';
import type { DemoData, DemoDataOptions, DemoRecord } from './types.js';

export type { DemoData, DemoDataOptions } from './types.js';

/** At most this many leads per generation (the bench's million, with room). */
export const MAX_DEMO_LEADS = 10_000_000;

function checkOptionsOrThrow(o: DemoDataOptions): void {
  const problems: { path: string; message: string }[] = [];
  if (!Number.isSafeInteger(o.leads) || o.leads < 0 || o.leads > MAX_DEMO_LEADS)
    problems.push({ path: '/leads', message: `must be a whole number from 0 to ${MAX_DEMO_LEADS}` });
  if (!Number.isSafeInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff)
    problems.push({ path: '/seed', message: 'must be a whole number from 0 to 4294967295' });
  if (!(o.now instanceof Date) || Number.isNaN(o.now.getTime()))
    problems.push({ path: '/now', message: 'must be a valid time' });
  if (problems.length > 0) throw new LeadforgeError('MALFORMED', 'bad demo data options', problems);
}

function leadsData(o: DemoDataOptions, people: DemoPeople, from: number, to: number) {
  const nowMs = o.now.getTime();
  const leads: DemoRecord[] = [];
  const opportunities: DemoRecord[] = [];
  const stageHistory: DemoData['stageHistory'][number][] = [];
  const activities: DemoData['activities'][number][] = [];
  const events: DemoData['events'][number][] = [];
  const scores: DemoData['scores'][number][] = [];
  for (let i = from; i < to; i++) {
    const rows = demoLead(o.seed, i, nowMs, people);
    leads.push(rows.lead);
    if (rows.opportunity) opportunities.push(rows.opportunity);
    stageHistory.push(...rows.stays);
    activities.push(...rows.activities);
    events.push(...rows.events);
    scores.push(...rows.scores);
  }
  return { leads, opportunities, stageHistory, activities, events, scores };
}

/**
 * A realistic, deterministic history for samples/b2b-saas (issue 7, point 6): three teams with
 * managers and eight reps, `leads` leads over the 12 months before `now` with their channels, UTM,
 * owners, stage history, opportunities, activities, events and scores, a cost per channel and month,
 * and goals per rep (month) and team (quarter). Pure: no clock, no Math.random; the same options
 * give the same data.
 */
export function generateDemoData(options: DemoDataOptions): DemoData {
  checkOptionsOrThrow(options);
  const people = demoPeople(options.seed);
  const nowMs = options.now.getTime();
  return {
    seed: options.seed,
    now: options.now.toISOString(),
    teams: people.teams,
    users: people.users,
    channelCosts: demoChannelCosts(options.seed, options.leads, nowMs, people),
    goals: demoGoals(options.seed, options.leads, nowMs, people),
    ...leadsData(options, people, 0, options.leads),
  };
}

/**
 * The same data as `generateDemoData`, in slices of `batchSize` leads so a million leads never sit
 * in memory at once: the first slice also carries the users, teams, costs and goals.
 */
export function* generateDemoBatches(options: DemoDataOptions, batchSize: number): Generator<DemoData> {
  checkOptionsOrThrow(options);
  const people = demoPeople(options.seed);
  const nowMs = options.now.getTime();
  const base = { seed: options.seed, now: options.now.toISOString() };
  const size = Math.max(1, Math.floor(batchSize));
  for (let from = 0; from < options.leads || from === 0; from += size) {
    const first = from === 0;
    yield {
      ...base,
      teams: first ? people.teams : [],
      users: first ? people.users : [],
      channelCosts: first ? demoChannelCosts(options.seed, options.leads, nowMs, people) : [],
      goals: first ? demoGoals(options.seed, options.leads, nowMs, people) : [],
      ...leadsData(options, people, from, Math.min(options.leads, from + size)),
    };
    if (options.leads === 0) break;
  }
}
