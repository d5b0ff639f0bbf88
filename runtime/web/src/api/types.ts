import type { FieldType, Label } from '@leadforge/engine/compile';

export type { FieldType, Label };

/** The locales the web app has interface text for. */
export type Locale = 'en' | 'zh-CN';

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly teamId: string | null;
}

export interface FieldOption {
  readonly value: string;
  readonly label: Label;
}

/** A field as `GET /api/v1/app` shows it to the signed-in user. */
export interface FieldInfo {
  readonly name: string;
  readonly type: FieldType;
  readonly label: Label;
  readonly required: boolean;
  readonly readonly: boolean;
  readonly indexed?: boolean;
  readonly default?: unknown;
  readonly options?: readonly FieldOption[];
  readonly reference?: string;
  readonly min?: number;
  readonly max?: number;
  readonly help?: Label;
  /** False for system-managed fields and fields the user's role may only read. */
  readonly writable: boolean;
}

export interface ObjectInfo {
  readonly name: string;
  readonly label: Label;
  readonly permission: {
    readonly read: boolean;
    readonly create: boolean;
    readonly update: boolean;
    readonly delete: boolean;
    readonly scope: 'own' | 'team' | 'all';
  };
  readonly fields: readonly FieldInfo[];
}

export interface AppInfo {
  readonly id: string;
  readonly name: Label;
  readonly version: number;
  readonly packageVersion: string;
  readonly defaultLocale: string;
  readonly admin: boolean;
  readonly objects: readonly ObjectInfo[];
}

export type RecordData = Readonly<Record<string, unknown>>;

export interface ApiRecord {
  readonly id: string;
  readonly object: string;
  readonly version: number;
  readonly owner: string | null;
  readonly team: string | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deletedAt: string | null;
  readonly data: RecordData;
}

export interface RecordPage {
  readonly records: readonly ApiRecord[];
  readonly nextCursor: string | null;
}

export interface HistoryEntry {
  readonly version: number;
  readonly action: string;
  readonly actorId: string | null;
  readonly at: string;
  readonly changes: Readonly<Record<string, { readonly from: unknown; readonly to: unknown }>>;
}

export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
}
