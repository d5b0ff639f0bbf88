// Hand-written SQL for the numbers of the built-in analyses (bench/reports.ts): what someone who
// knows the schema would write for the lead pipeline of samples/b2b-saas, over the last 365 days.
import type { SqlDriver } from '@leadforge/engine';
import { rangeDates, rangeInstants, resolveRelativeRange } from '../../engine/src/filter/relativeDates.js';

/** One analysis by hand: a statement, and its rows as [key, ...measure values] in the compiled report's order. */
export interface HandWritten {
  statement(tenantId: string, now: Date, timeZone: string): { text: string; params: unknown[] };
  shape(rows: readonly Record<string, unknown>[]): unknown[][];
}

/** Runs a hand-written statement and shapes its rows. */
export async function runHandWritten(
  hand: HandWritten,
  db: SqlDriver,
  tenantId: string,
  now: Date,
  timeZone: string,
): Promise<unknown[][]> {
  const { text, params } = hand.statement(tenantId, now, timeZone);
  return hand.shape((await db.query<Record<string, unknown>>(text, params)).rows);
}

const STAGES = ['new', 'first_contact', 'needs_assessment', 'proposal', 'negotiation', 'won'];
const CHANNELS = ['web_form', 'event', 'import', 'api', 'manual', 'referral', 'ads'];

function lastYear(now: Date, timeZone: string) {
  const range = resolveRelativeRange('last_365_days', now, timeZone);
  const instants = rangeInstants(range, timeZone);
  const dates = rangeDates(range, timeZone);
  return { from: instants.from.toISOString(), to: instants.to.toISOString(), fromDate: dates.from, toDate: dates.to };
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Per lead one row with the first entry into each stage; counts, drop-offs and medians from those columns. */
const funnel: HandWritten = {
  statement(tenantId, now, timeZone) {
    const w = lastYear(now, timeZone);
    const firsts = STAGES.map((s, i) => `min(sh.entered_at) FILTER (WHERE sh.stage = '${s}') AS s${i}`).join(',\n    ');
    const reached = STAGES.map((_, i) => `count(s${i}) AS r${i}`).join(', ');
    const dropped = STAGES.slice(0, -1)
      .map((_, i) => `count(s${i}) FILTER (WHERE s${i + 1} IS NULL) AS d${i}`)
      .join(', ');
    const fromCreation = STAGES.map(
      (_, i) =>
        `percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (s${i} - created_at)) / 86400.0) AS f${i}`,
    ).join(',\n  ');
    return {
      text: `WITH cohort AS (
  SELECT id, created_at FROM records
  WHERE tenant_id = $1 AND object = 'lead' AND deleted_at IS NULL AND created_at >= $2 AND created_at < $3
), per_lead AS (
  SELECT c.created_at,
    ${firsts}
  FROM cohort c JOIN stage_history sh ON sh.tenant_id = $1 AND sh.record_id = c.id AND sh.pipeline = 'lead' AND sh.object = 'lead'
  GROUP BY c.id, c.created_at
), stays AS (
  SELECT sh.stage, percentile_cont(0.5) WITHIN GROUP (ORDER BY sh.duration_ms / 86400000.0) AS days
  FROM cohort c JOIN stage_history sh ON sh.tenant_id = $1 AND sh.record_id = c.id AND sh.pipeline = 'lead' AND sh.object = 'lead'
  WHERE sh.exited_at IS NOT NULL
  GROUP BY sh.stage
)
SELECT ${reached}, ${dropped},
  ${fromCreation},
  (SELECT json_object_agg(stage, days) FROM stays) AS stays
FROM per_lead`,
      params: [tenantId, w.from, w.to],
    };
  },
  shape(rows) {
    const row = rows[0] ?? {};
    const stays = (row['stays'] ?? {}) as Record<string, number>;
    return STAGES.map((stage, i) => {
      const r = num(row[`r${i}`]) ?? 0;
      const before = i === 0 ? null : (num(row[`r${i - 1}`]) ?? 0);
      return [
        stage,
        r,
        before === null || before === 0 ? null : r / before,
        i === STAGES.length - 1 ? null : (num(row[`d${i}`]) ?? 0),
        num(stays[stage]),
        num(row[`f${i}`]),
      ];
    });
  },
};

/** Leads (with an MQL flag), their deals and the period's costs, each grouped by channel once. */
const channelRoi: HandWritten = {
  statement(tenantId, now, timeZone) {
    const w = lastYear(now, timeZone);
    return {
      text: `WITH leads AS (
  SELECT r.id, r.data->>'source_channel' AS channel,
    EXISTS (SELECT 1 FROM record_scores s WHERE s.tenant_id = r.tenant_id AND s.record_id = r.id AND s.mql) AS mql
  FROM records r
  WHERE r.tenant_id = $1 AND r.object = 'lead' AND r.deleted_at IS NULL AND r.created_at >= $2 AND r.created_at < $3
), lead_counts AS (
  SELECT channel, count(*) AS leads, count(*) FILTER (WHERE mql) AS mqls FROM leads GROUP BY channel
), deal_counts AS (
  SELECT l.channel, count(*) AS opportunities, sum((o.data->>'amount')::numeric) FILTER (WHERE o.data->>'stage' = 'won') AS won
  FROM records o JOIN leads l ON l.id::text = o.data->>'lead'
  WHERE o.tenant_id = $1 AND o.object = 'opportunity' AND o.deleted_at IS NULL
  GROUP BY l.channel
), costs AS (
  SELECT data->>'channel' AS channel, sum((data->>'cost')::numeric) AS cost
  FROM records
  WHERE tenant_id = $1 AND object = 'channel_cost' AND deleted_at IS NULL AND data->>'month' >= $4 AND data->>'month' < $5
  GROUP BY 1
)
SELECT ch.channel, k.cost, lc.leads, lc.mqls, dc.opportunities, dc.won
FROM unnest($6::text[]) WITH ORDINALITY AS ch(channel, ord)
LEFT JOIN costs k ON k.channel = ch.channel
LEFT JOIN lead_counts lc ON lc.channel = ch.channel
LEFT JOIN deal_counts dc ON dc.channel = ch.channel
ORDER BY ch.ord`,
      params: [tenantId, w.from, w.to, w.fromDate, w.toDate, CHANNELS],
    };
  },
  shape(rows) {
    return rows.map((row) => {
      const cost = num(row['cost']);
      const leads = num(row['leads']) ?? 0;
      const won = num(row['won']) ?? 0;
      return [
        row['channel'],
        cost ?? 0,
        leads,
        num(row['mqls']) ?? 0,
        num(row['opportunities']) ?? 0,
        won,
        leads === 0 ? null : (cost ?? 0) / leads,
        cost === null || cost === 0 ? null : (won - cost) / cost,
      ];
    });
  },
};

/** Wins by the deal's owner (by close date) and activities (on live records, as the product counts them) by their actor, ranked, top 20. */
const leaderboard: HandWritten = {
  statement(tenantId, now, timeZone) {
    const w = lastYear(now, timeZone);
    return {
      text: `WITH wins AS (
  SELECT owner_id AS who, count(*) AS wins, sum((data->>'amount')::numeric) AS won_amount
  FROM records
  WHERE tenant_id = $1 AND object = 'opportunity' AND deleted_at IS NULL AND data->>'stage' = 'won'
    AND data->>'close_date' >= $4 AND data->>'close_date' < $5
  GROUP BY owner_id
), acts AS (
  SELECT a.actor_id AS who, count(*) AS activities
  FROM activities a
  WHERE a.tenant_id = $1 AND a.occurred_at >= $2 AND a.occurred_at < $3
    AND EXISTS (SELECT 1 FROM records r WHERE r.tenant_id = a.tenant_id AND r.id = a.record_id AND r.deleted_at IS NULL)
  GROUP BY a.actor_id
)
SELECT u.id::text AS who, coalesce(k.won_amount, 0)::float8 AS won_amount, coalesce(k.wins, 0)::float8 AS wins,
  coalesce(a.activities, 0)::float8 AS activities
FROM users u LEFT JOIN wins k ON k.who = u.id LEFT JOIN acts a ON a.who = u.id
WHERE u.tenant_id = $1 AND (k.who IS NOT NULL OR a.who IS NOT NULL)
ORDER BY 2 DESC, 3 DESC, 4 DESC, u.name, u.id
LIMIT 20`,
      params: [tenantId, w.from, w.to, w.fromDate, w.toDate],
    };
  },
  shape(rows) {
    return rows.map((row) => [row['who'], num(row['won_amount']), num(row['wins']), num(row['activities'])]);
  },
};

export const HAND_WRITTEN = { funnel, channelRoi, leaderboard } as const;
