import type { CompiledOption, Label } from '../../compile/types.js';
import type { ReportMeasure } from '../../package/schemas/report.js';
import type { SqlFragment } from '../../store/sql.js';
import type { DateBucket } from './sqlParts.js';

/** How a report reads the columns of the records it groups: bare on `records`, or through the `rec` join. */
export interface RecordColumns {
  readonly data: SqlFragment;
  readonly id: SqlFragment;
  readonly owner: SqlFragment;
  readonly team: SqlFragment;
  readonly createdBy: SqlFragment;
  readonly createdAt: SqlFragment;
  readonly updatedAt: SqlFragment;
  readonly attribution: SqlFragment;
}

/** What a value is, for the ops that accept it and for reading it back. */
export type ValueKind =
  | 'number'
  | 'text'
  | 'select'
  | 'multiselect'
  | 'boolean'
  | 'date'
  | 'instant'
  | 'user'
  | 'team'
  | 'other';

/**
 * A name used by a report, resolved: the SQL that reads it and how its values read.
 * `jsonb` values come from `data` (NULL for a missing or JSON-null value); others are typed columns.
 */
export interface ReportField {
  readonly name: string;
  readonly label: Label;
  readonly kind: ValueKind;
  readonly expr: SqlFragment;
  readonly jsonb: boolean;
  readonly options?: readonly CompiledOption[];
  /** The name the filter language knows it by on the report's object (the rows' record), when a drill-down can list by it. */
  readonly filterName?: string;
  /** A column of events, activities or stage stays: its key in the drill-down's source filter. */
  readonly sourceKey?: string;
  /** `reference.field`: the drill-down reaches it with `$related`. */
  readonly related?: { readonly reference: string; readonly target: string };
}

/** One dimension, resolved: the field, its bucket, and the SQL of its group key. */
export interface CompiledDimension {
  readonly field: ReportField;
  readonly bucket: DateBucket | undefined;
  readonly key: SqlFragment;
}

/** One measure, resolved: the aggregate (absent for a ratio, computed from two others) and its filter. */
export interface CompiledMeasure {
  readonly definition: ReportMeasure;
  readonly aggregate: SqlFragment | undefined;
  /** The measure's own filter as given (absolute dates), for the drill-down. */
  readonly filter: unknown;
  readonly currency: boolean;
}
