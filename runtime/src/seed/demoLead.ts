import { demoActivities } from './demoActivities.js';
import { demoBehaviour } from './demoBehaviour.js';
import { arrivalTime, chinaDate, chinaWeekday, DAY_MS, quarterOf } from './demoCalendar.js';
import type { DemoPeople, DemoRep } from './demoPeople.js';
import { demoScores } from './demoScores.js';
import {
  CHANNEL_QUALITY,
  CHANNEL_WEIGHTS,
  CHANNELS,
  COMPANY_CORES,
  type DemoChannel,
  FREEMAIL_DOMAINS,
  GIVEN_NAMES,
  INDUSTRIES,
  INDUSTRY_WEIGHTS,
  INDUSTRY_WORD,
  PROVINCES,
  REGION_WEIGHTS,
  REGIONS,
  ROLE_TITLE,
  ROLE_WEIGHTS,
  ROLES,
  SURNAMES,
  UTM_SOURCES,
} from './demoVocabulary.js';
import { type Prng, prng } from './prng.js';
import type { DemoActivity, DemoEvent, DemoRecord, DemoScore, DemoStageStay } from './types.js';

/** The lead pipeline's forward stages (samples/b2b-saas/pipelines/lead.json), walked in order, no skips. */
export const LEAD_FLOW = ['new', 'first_contact', 'needs_assessment', 'proposal', 'negotiation', 'won'] as const;
/** Chance to move on from each forward stage (before channel, rep and interest adjust it); else lost. */
const ADVANCE = [0.8, 0.6, 0.64, 0.68, 0.62];
/** Mean days spent in each forward stage before the next move. */
const MEAN_DAYS = [0.8, 4, 8, 10, 14];
const LOST_REASONS: readonly (readonly string[])[] = [
  ['no_response', 'not_a_fit', 'other'],
  ['no_response', 'not_a_fit', 'no_budget'],
  ['no_budget', 'not_a_fit', 'no_decision'],
  ['competitor', 'no_budget', 'no_decision'],
  ['competitor', 'no_decision', 'other'],
];
const OPPORTUNITY_LOST_REASON: Readonly<Record<string, string>> = {
  competitor: 'competitor',
  no_budget: 'no_budget',
  no_decision: 'no_decision',
};

/** Everything one lead brings: its record, its opportunity once it reached needs assessment, its history. */
export interface DemoLeadRows {
  readonly lead: DemoRecord;
  readonly opportunity: DemoRecord | null;
  readonly stays: DemoStageStay[];
  readonly activities: DemoActivity[];
  readonly events: DemoEvent[];
  readonly scores: DemoScore[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Moves a time into China office hours (09:00–18:00, mostly weekdays), keeping it within [min, max]. */
function officeHours(rng: Prng, ms: number, min: number, max: number): number {
  let day = Math.floor((ms + 8 * 3_600_000) / DAY_MS) * DAY_MS - 8 * 3_600_000;
  const weekday = chinaWeekday(ms);
  if ((weekday === 0 || weekday === 6) && rng.chance(0.8)) day -= (weekday === 6 ? 1 : 2) * DAY_MS;
  const t = day + 9 * 3_600_000 + Math.floor(rng.next() * 9 * 3_600_000);
  return t < min || t > max ? ms : t;
}

function budgetFor(rng: Prng, employees: number): number {
  const [lo, hi] =
    employees < 50 ? [30, 100] : employees < 200 ? [80, 300] : employees <= 500 ? [200, 600] : [500, 2000];
  return rng.int(lo, hi) * 1000;
}

function leadFields(rng: Prng, index: number, channel: DemoChannel, createdMs: number) {
  const [surname, surnamePinyin] = rng.pick(SURNAMES);
  const [given, givenPinyin] = rng.pick(GIVEN_NAMES);
  const industry = rng.weighted(INDUSTRIES, INDUSTRY_WEIGHTS);
  const role = rng.weighted(ROLES, ROLE_WEIGHTS);
  const region = rng.weighted(REGIONS, REGION_WEIGHTS);
  const province = rng.pick(PROVINCES[region] ?? ['北京']);
  const [core, corePinyin] = rng.pick(COMPANY_CORES);
  const employees = rng.weighted(
    [rng.int(10, 49), rng.int(50, 199), rng.int(200, 500), rng.int(501, 5000)],
    [30, 30, 20, 20],
  );
  const local = `${surnamePinyin}.${givenPinyin}.${index}`;
  const domain = rng.chance(0.2) ? rng.pick(FREEMAIL_DOMAINS) : `${corePinyin}${index % 97}.com.cn`;
  const utmSources = UTM_SOURCES[channel];
  const utm = utmSources
    ? { source: rng.pick(utmSources), campaign: `${channel}-${quarterOf(chinaDate(createdMs))}` }
    : null;
  const data: Record<string, unknown> = {
    name: `${surname}${given}`,
    email: `${local}@${domain}`,
    phone: `1${rng.pick(['3', '5', '8'])}${String((index * 7919) % 1_000_000_000).padStart(9, '0')}`,
    company_name: `${province}${core}${INDUSTRY_WORD[industry] ?? ''}有限公司`,
    title: ROLE_TITLE[role] ?? '专员',
    role,
    industry,
    employees,
    region,
    province,
    source_channel: channel,
    ...(utm ? { utm_source: utm.source, utm_campaign: utm.campaign } : {}),
    consent: channel === 'web_form' || channel === 'ads' || channel === 'event',
  };
  if (domain.endsWith('.com.cn')) data['website'] = `https://www.${domain}`;
  return { data, utm, region, decisionMaker: ['ceo', 'cto', 'vp', 'director'].includes(role) };
}

/** Where the capture came from, as the capture path writes it (form channels name their form). */
function touchOf(channel: DemoChannel, rng: Prng, at: string, utm: { source: string; campaign: string } | null) {
  const form =
    channel === 'event'
      ? 'event-signin'
      : channel === 'web_form' || channel === 'ads'
        ? rng.chance(0.4)
          ? 'whitepaper-download'
          : 'contact-us'
        : null;
  const captureChannel =
    form !== null ? (channel === 'event' ? 'event' : 'form') : channel === 'referral' ? 'manual' : channel;
  return {
    at,
    channel: captureChannel,
    ...(form !== null ? { form } : {}),
    ...(utm
      ? { utm: { source: utm.source, medium: channel === 'ads' ? 'cpc' : 'organic', campaign: utm.campaign } }
      : {}),
  };
}

/**
 * The lead number `index` of a generation: each lead draws from its own stream of the seed, so a
 * lead is the same whatever the batch it is generated in.
 */
export function demoLead(seed: number, index: number, nowMs: number, people: DemoPeople): DemoLeadRows {
  const rng = prng(seed, 0x1000 + index);
  const id = rng.uuid();
  const channel = rng.weighted(CHANNELS, CHANNEL_WEIGHTS);
  const createdMs = Math.floor(officeHours(rng, arrivalTime(nowMs, rng.next()), nowMs - 365 * DAY_MS, nowMs - 60_000));
  const { data, utm, region, decisionMaker } = leadFields(rng, index, channel, createdMs);
  const team = people.repsByRegion.get(region) ?? people.reps;
  const rep: DemoRep = rng.weighted(
    team,
    team.map((r) => r.share),
  );
  const owner = rep.user.id;
  const interest = rng.next();
  const createdBy =
    channel === 'manual' || channel === 'referral' ? owner : channel === 'import' ? people.admin.id : null;

  // Walk the pipeline: each stay ends in a move forward, a loss, or stays open at `now`.
  const stays: DemoStageStay[] = [];
  let at = createdMs;
  let stage = 0;
  let outcome: 'open' | 'won' | 'lost' = 'open';
  let lostReason: string | null = null;
  const stageEntered: number[] = [createdMs];
  for (;;) {
    const current = LEAD_FLOW[stage] as string;
    const stay = {
      id: rng.uuid(),
      recordId: id,
      stage: current,
      fromStage: stage === 0 ? null : (LEAD_FLOW[stage - 1] as string),
    };
    const enteredBy = stage === 0 ? createdBy : owner;
    if (current === 'won') {
      outcome = 'won';
      stays.push({
        ...stay,
        enteredAt: iso(at),
        exitedAt: null,
        durationMs: null,
        enteredBy,
        exitedBy: null,
        reason: null,
      });
      break;
    }
    const mean = (MEAN_DAYS[stage] ?? 7) * DAY_MS * (1.6 - 0.5 * rep.skill);
    const exitMs = Math.floor(at + Math.max(30 * 60_000, rng.exp(mean)));
    if (exitMs >= nowMs) {
      stays.push({
        ...stay,
        enteredAt: iso(at),
        exitedAt: null,
        durationMs: null,
        enteredBy,
        exitedBy: null,
        reason: null,
      });
      break;
    }
    const p = (ADVANCE[stage] ?? 0.5) * CHANNEL_QUALITY[channel] * rep.skill * (0.7 + 0.6 * interest);
    const advance = rng.chance(Math.min(0.95, Math.max(0.05, p)));
    stays.push({
      ...stay,
      enteredAt: iso(at),
      exitedAt: iso(exitMs),
      durationMs: exitMs - at,
      enteredBy,
      exitedBy: owner,
      reason: null,
    });
    at = exitMs;
    if (!advance) {
      outcome = 'lost';
      lostReason = rng.pick(LOST_REASONS[stage] ?? ['other']);
      stays.push({
        id: rng.uuid(),
        recordId: id,
        stage: 'lost',
        fromStage: current,
        enteredAt: iso(at),
        exitedAt: null,
        durationMs: null,
        enteredBy: owner,
        exitedBy: null,
        reason: lostReason,
      });
      break;
    }
    stage++;
    stageEntered.push(at);
  }
  const lastMoveMs = at;
  const reached = stage; // index of the last forward stage entered
  const currentStage = outcome === 'lost' ? 'lost' : (LEAD_FLOW[stage] as string);

  const activities = demoActivities(rng, id, owner, stays, nowMs);
  const touch = touchOf(channel, rng, iso(createdMs), utm);
  const lifeEndMs = Math.min(nowMs, lastMoveMs + 21 * DAY_MS);
  const events = demoBehaviour(rng, { id, createdMs, lifeEndMs, interest, touch, data, stays, activities });
  const scores = demoScores(id, createdMs, data, events);
  const fit = scores[0] as DemoScore;

  if (reached >= 2 || rng.chance(0.4)) data['budget'] = budgetFor(rng, data['employees'] as number);
  if (reached >= 3)
    data['decision_maker'] = decisionMaker
      ? `${data['name']}（${data['title']}）`
      : `${rng.pick(SURNAMES)[0]}总（总经理）`;
  const lastActivity = activities.at(-1);
  if (lastActivity) data['last_contacted_at'] = lastActivity.occurredAt;
  data['stage'] = currentStage;
  data['score'] = fit.score;
  data['grade'] = fit.grade;
  data['status'] =
    reached >= 2
      ? 'converted'
      : outcome === 'lost'
        ? 'disqualified'
        : channel === 'import' && reached === 0
          ? 'clue'
          : 'lead';

  const updatedMs = Math.max(lastMoveMs, lastActivity ? Date.parse(lastActivity.occurredAt) : 0);
  const lead: DemoRecord = {
    id,
    object: 'lead',
    data,
    ownerId: owner,
    teamId: rep.user.teamId,
    createdBy,
    createdAt: iso(createdMs),
    updatedAt: iso(updatedMs),
    attribution: { firstTouch: touch, lastTouch: touch, touches: 1 },
  };

  let opportunity: DemoRecord | null = null;
  if (reached >= 2) {
    const openedMs = stageEntered[2] as number;
    const oppStage = outcome === 'lost' ? 'lost' : currentStage;
    const amount = Math.round(((data['budget'] as number) * (0.6 + 0.6 * rng.next())) / 1000) * 1000;
    const closeMs = outcome === 'open' ? Math.max(nowMs, openedMs) + rng.int(20, 90) * DAY_MS : lastMoveMs;
    opportunity = {
      id: rng.uuid(),
      object: 'opportunity',
      data: {
        name: data['company_name'],
        amount,
        close_date: chinaDate(closeMs),
        stage: oppStage,
        lead: id,
        ...(outcome === 'lost' ? { lost_reason: OPPORTUNITY_LOST_REASON[lostReason ?? ''] ?? 'other' } : {}),
      },
      ownerId: owner,
      teamId: rep.user.teamId,
      createdBy: owner,
      createdAt: iso(openedMs),
      updatedAt: iso(lastMoveMs),
      attribution: { firstTouch: touch, lastTouch: touch, touches: 1, convertedFrom: { object: 'lead', id } },
    };
  }
  return { lead, opportunity, stays, activities, events, scores };
}
