import type { CompiledObject, FieldType } from '../compile/types.js';
import type { RowScope } from '../store/rowScope.js';
import type { SqlFragment } from '../store/sql.js';

/** The operators of the JSON filter language (DESIGN.md, Data). */
export type FilterOperator =
  | '$eq'
  | '$ne'
  | '$in'
  | '$nin'
  | '$gt'
  | '$gte'
  | '$lt'
  | '$lte'
  | '$contains'
  | '$exists'
  | '$within';

/** How a filterable name is stored: a key of the `data` jsonb, or a typed system column. */
export type ColumnKind = 'jsonb' | 'uuid' | 'timestamptz' | 'int';

/** Fields every record has besides its object's own fields. */
export type SystemField = 'id' | 'owner' | 'team' | 'createdBy' | 'createdAt' | 'updatedAt' | 'version';

/** A field name resolved against an object: what SQL reads it and how its values are typed. */
export type FieldRef =
  | {
      readonly source: 'data';
      readonly name: string;
      readonly kind: 'jsonb';
      readonly type: FieldType;
      readonly options: readonly string[];
      /** `data->'name'`, written exactly like the expression index so the planner can use it. */
      readonly expr: SqlFragment;
    }
  | {
      readonly source: 'system';
      readonly name: SystemField;
      readonly kind: Exclude<ColumnKind, 'jsonb'>;
      readonly nullable: boolean;
      readonly expr: SqlFragment;
    };

export type SortDir = 'asc' | 'desc';

/** One ORDER BY key, resolved; `expr` never yields SQL NULL so row comparisons stay total. */
export interface SortKey {
  readonly field: string;
  readonly dir: SortDir;
  readonly kind: ColumnKind;
  readonly expr: SqlFragment;
}

export interface FilterOptions {
  /** Fields the caller may not see: filtering or sorting on them is refused (it would leak values). */
  readonly hiddenFields?: ReadonlySet<string>;
  /**
   * How `$related` reaches a referenced object: its compiled definition, the fields the caller may
   * not see on it, and the caller's row scope on it. Absent (or undefined for a name): `$related` is refused.
   */
  readonly relatedObject?: (name: string) => RelatedObject | undefined;
  /** The run's time: `$within` resolves named ranges (`last_30_days`) against it. */
  readonly now?: Date;
  /** IANA zone for `$within`'s days, weeks, months (default UTC). */
  readonly timeZone?: string;
}

/** A referenced object as `$related` reaches it (see `FilterOptions.relatedObject`). */
export interface RelatedObject {
  readonly object: CompiledObject;
  readonly hiddenFields?: ReadonlySet<string>;
  readonly scope?: RowScope;
}
