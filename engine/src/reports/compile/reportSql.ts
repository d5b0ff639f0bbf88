import type { CompiledObject } from '../../compile/types.js';
import { type SqlFragment, sql } from '../../store/sql.js';
import type { ReportRunContext } from '../types.js';
import type { ReportSource } from './reportFields.js';
import type { CompiledDimension, CompiledMeasure, RecordColumns } from './types.js';

/** Record columns for a report over records: bare names on `records` (the shape the indexes are built on). */
export const BARE: RecordColumns = {
  data: sql`data`,
  id: sql`records.id`,
  owner: sql`owner_id`,
  team: sql`team_id`,
  createdBy: sql`created_by`,
  createdAt: sql`created_at`,
  updatedAt: sql`updated_at`,
  attribution: sql`attribution`,
};

/** Record columns for a report over events, activities or stays: through the `rec` join of their records. */
export const JOINED: RecordColumns = {
  data: sql`rec.rec_data`,
  id: sql`rec.rec_id`,
  owner: sql`rec.rec_owner`,
  team: sql`rec.rec_team`,
  createdBy: sql`rec.rec_created_by`,
  createdAt: sql`rec.rec_created_at`,
  updatedAt: sql`rec.rec_updated_at`,
  attribution: sql`rec.rec_attribution`,
};

const SOURCE_TABLES: Readonly<Record<Exclude<ReportSource, 'object'>, SqlFragment>> = {
  events: sql`events`,
  activities: sql`activities`,
  stage_history: sql`stage_history`,
};

/** GROUP BY by position: a key written twice would carry its parameters twice and no longer match. */
const ORDINALS = [sql`1`, sql`2`, sql`3`] as const;

/** Each record's first entry into every stage a conversion or duration names, in one pass over stage_history. */
export function stageJoin(
  tenantId: string,
  object: string,
  pipeline: string,
  stages: ReadonlyMap<string, string>,
): SqlFragment {
  const firsts = [...stages].map(
    ([stage, column]) => sql`min(entered_at) FILTER (WHERE stage = ${stage}) AS ${sql.ident(column)}`,
  );
  return sql`LEFT JOIN (SELECT record_id AS sh_record, ${sql.join(firsts, ', ')} FROM stage_history WHERE tenant_id = ${tenantId} AND object = ${object} AND pipeline = ${pipeline} GROUP BY record_id) sh ON sh.sh_record = records.id`;
}

export interface Assembly {
  readonly ctx: ReportRunContext;
  readonly source: ReportSource;
  readonly object: CompiledObject;
  readonly recordWhere: SqlFragment;
  readonly sourcePeriod: SqlFragment;
  readonly joins: readonly SqlFragment[];
  readonly stageJoin: SqlFragment | undefined;
  readonly dimensions: readonly CompiledDimension[];
  readonly measures: readonly CompiledMeasure[];
  readonly definition: { readonly measures: readonly { readonly id: string }[]; readonly limit?: number };
  readonly order: readonly SqlFragment[];
}

/**
 * `SELECT keys, labels, measures FROM (the grouped aggregate) g LEFT JOIN users/teams … ORDER BY … LIMIT`:
 * the inner query groups and aggregates; the outer one names users and teams, computes ratios, sorts and cuts.
 */
export function assemble(a: Assembly): SqlFragment {
  const inner: SqlFragment[] = [];
  a.dimensions.forEach((d, i) => {
    inner.push(sql`${d.key} AS ${sql.ident(`d${i}`)}`);
  });
  a.measures.forEach((m, i) => {
    if (m.aggregate) inner.push(sql`${m.aggregate} AS ${sql.ident(`m${i}`)}`);
  });
  if (inner.length === 0) inner.push(sql`1 AS one`);
  const joins = [...a.joins, ...(a.stageJoin ? [a.stageJoin] : [])];
  const joinText = joins.length > 0 ? sql` ${sql.join(joins, ' ')}` : sql``;
  let from: SqlFragment;
  let where: SqlFragment;
  if (a.source === 'object') {
    from = sql`records${joinText}`;
    where = a.recordWhere;
  } else {
    const table = SOURCE_TABLES[a.source];
    from = sql`${table} src JOIN (SELECT id AS rec_id, data AS rec_data, owner_id AS rec_owner, team_id AS rec_team, created_by AS rec_created_by, created_at AS rec_created_at, updated_at AS rec_updated_at, attribution AS rec_attribution FROM records WHERE ${a.recordWhere}) rec ON rec.rec_id = src.record_id${joinText}`;
    where = sql`src.tenant_id = ${a.ctx.tenantId} AND src.object = ${a.object.name} AND ${a.sourcePeriod}`;
  }
  const groupBy =
    a.dimensions.length > 0
      ? sql` GROUP BY ${sql.join(
          a.dimensions.map((_, i) => ORDINALS[i] as SqlFragment),
          ', ',
        )}`
      : sql``;

  const outer: SqlFragment[] = [];
  const labelJoins: SqlFragment[] = [];
  a.dimensions.forEach((d, i) => {
    const key = sql`g.${sql.ident(`d${i}`)}`;
    outer.push(sql`${key} AS ${sql.ident(`d${i}`)}`);
    if (d.field.kind === 'user' || d.field.kind === 'team') {
      const alias = sql.ident(`n${i}`);
      const table = d.field.kind === 'user' ? sql`users` : sql`teams`;
      const match = d.field.jsonb ? sql`${alias}.id::text = (${key} #>> '{}')` : sql`${alias}.id = ${key}`;
      labelJoins.push(sql`LEFT JOIN ${table} ${alias} ON ${alias}.tenant_id = ${a.ctx.tenantId} AND ${match}`);
      outer.push(sql`${alias}.name AS ${sql.ident(`l${i}`)}`);
    }
  });
  a.measures.forEach((m, i) => {
    const id = sql.ident(`m${i}`);
    if (m.aggregate) {
      outer.push(sql`g.${id} AS ${id}`);
      return;
    }
    const def = m.definition;
    if (def.op !== 'ratio') return;
    const n = sql.ident(`m${a.definition.measures.findIndex((x) => x.id === def.numerator)}`);
    const d = sql.ident(`m${a.definition.measures.findIndex((x) => x.id === def.denominator)}`);
    outer.push(sql`(g.${n})::float8 / NULLIF((g.${d})::float8, 0) AS ${id}`);
  });
  const orderBy = a.order.length > 0 ? sql` ORDER BY ${sql.join([...a.order], ', ')}` : sql``;
  const limit = a.definition.limit !== undefined ? sql` LIMIT ${a.definition.limit}::int` : sql``;
  const labelText = labelJoins.length > 0 ? sql` ${sql.join(labelJoins, ' ')}` : sql``;
  return sql`SELECT ${sql.join(outer.length > 0 ? outer : [sql`1 AS one`], ', ')} FROM (SELECT ${sql.join(inner, ', ')} FROM ${from} WHERE ${where}${groupBy}) g${labelText}${orderBy}${limit}`;
}
