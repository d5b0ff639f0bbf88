import { type SqlFragment, sql } from '../../store/sql.js';
import type { ReportField } from './types.js';

export type DateBucket = 'day' | 'week' | 'month' | 'quarter' | 'year';

const UNITS: Readonly<Record<DateBucket, SqlFragment>> = {
  day: sql`'day'`,
  week: sql`'week'`,
  month: sql`'month'`,
  quarter: sql`'quarter'`,
  year: sql`'year'`,
};

/** A number read from the field: jsonb values of another type read as NULL, never as a cast error. */
export function numericExpr(field: ReportField): SqlFragment {
  if (!field.jsonb) return sql`(${field.expr})::numeric`;
  return sql`(CASE WHEN jsonb_typeof(${field.expr}) = 'number' THEN (${field.expr})::numeric END)`;
}

/**
 * The first local day (`YYYY-MM-DD`) of the bucket holding the field's value, in `timeZone` for
 * instants (weeks start on Monday, ISO). Dates are calendar days and need no zone.
 */
export function bucketExpr(field: ReportField, bucket: DateBucket, timeZone: string): SqlFragment {
  const unit = UNITS[bucket];
  if (field.kind === 'date') {
    return sql`(CASE WHEN jsonb_typeof(${field.expr}) = 'string' THEN to_char(date_trunc(${unit}, (${field.expr} #>> '{}')::date::timestamp), 'YYYY-MM-DD') END)`;
  }
  if (field.jsonb) {
    return sql`(CASE WHEN jsonb_typeof(${field.expr}) = 'string' THEN to_char(date_trunc(${unit}, (${field.expr} #>> '{}')::timestamptz AT TIME ZONE ${timeZone}::text), 'YYYY-MM-DD') END)`;
  }
  return sql`to_char(date_trunc(${unit}, ${field.expr} AT TIME ZONE ${timeZone}::text), 'YYYY-MM-DD')`;
}

/** `agg(...) FILTER (WHERE cond)` when the measure has its own filter. */
export function filtered(aggregate: SqlFragment, condition: SqlFragment | undefined): SqlFragment {
  return condition === undefined ? aggregate : sql`${aggregate} FILTER (WHERE ${condition})`;
}
