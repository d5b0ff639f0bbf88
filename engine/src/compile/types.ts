import type { Problem, Result } from '../errors/types.js';
import type { FIELD_TYPES } from '../package/schemas/fieldTypes.js';

/** An i18n label: locale → text, e.g. `{ "en": "Lead", "zh-CN": "潜在客户" }`. */
export type Label = Readonly<Record<string, string>>;

export type FieldType = (typeof FIELD_TYPES)[number];

export interface CompiledOption {
  readonly value: string;
  readonly label: Label;
}

export interface CompiledField {
  readonly name: string;
  readonly type: FieldType;
  readonly label: Label;
  readonly required: boolean;
  /** Set by the system (score, grade, stage moved through the pipeline API): no API write may set it. */
  readonly readonly: boolean;
  readonly indexed: boolean;
  readonly pii: boolean;
  readonly default?: unknown;
  /** select / multiselect */
  readonly options?: readonly CompiledOption[];
  /** reference: the target object name */
  readonly reference?: string;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
}

/** An expression index the store creates for a field marked `indexed`. */
export interface IndexSpec {
  readonly object: string;
  readonly field: string;
}

export interface CompiledObject {
  readonly name: string;
  readonly label: Label;
  /** Field name → field, in definition order. */
  readonly fields: Readonly<Record<string, CompiledField>>;
  readonly fieldNames: readonly string[];
  /** Each key is a list of field names that together identify a duplicate. */
  readonly dedupeKeys: readonly (readonly string[])[];
  /** Validates a full record body for create (required fields enforced, defaults applied to a copy). */
  validateCreate(data: unknown): Result<Record<string, unknown>>;
  /** Validates a partial update: no required check; `null` clears a non-required field. */
  validatePatch(data: unknown): Result<Record<string, unknown>>;
}

export type RowScopeKind = 'own' | 'team' | 'all';
export type FieldAccess = 'hidden' | 'read';

export interface ObjectPermission {
  readonly read: boolean;
  readonly create: boolean;
  readonly update: boolean;
  readonly delete: boolean;
  readonly scope: RowScopeKind;
  /** Fields this role may not see ('hidden') or may see but not write ('read'); absent = read/write. */
  readonly fields: Readonly<Record<string, FieldAccess>>;
}

export interface CompiledRole {
  readonly id: string;
  readonly label: Label;
  /** Admins manage the app, users and every record of their tenant. */
  readonly admin: boolean;
  readonly objects: Readonly<Record<string, ObjectPermission>>;
}

/** The immutable, executable form of one published app package version. No I/O inside. */
export interface CompiledApp {
  readonly id: string;
  readonly name: Label;
  /** `version` from app.json (the author's version string). */
  readonly version: string;
  readonly defaultLocale: string;
  readonly defaultCountry: string;
  readonly objects: Readonly<Record<string, CompiledObject>>;
  readonly roles: Readonly<Record<string, CompiledRole>>;
  readonly indexes: readonly IndexSpec[];
  /** The package files this app was compiled from (path → parsed JSON), frozen. */
  readonly files: Readonly<Record<string, unknown>>;
  /** Stable hash of the package content: equal packages give equal fingerprints. */
  readonly fingerprint: string;
}

export type { Problem };
