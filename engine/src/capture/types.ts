import type { Problem } from '../errors/types.js';

/** Where a record was captured (DESIGN.md glossary: channel / source). */
export type CaptureChannel = 'form' | 'event' | 'import' | 'api' | 'manual';

/** UTM parameters of a visit, as given (already trimmed and bounded by the caller). */
export interface Utm {
  readonly source?: string;
  readonly medium?: string;
  readonly campaign?: string;
  readonly term?: string;
  readonly content?: string;
}

/** Where one capture came from. `form` / `formVersion` name the form and the app version it was made against. */
export interface CaptureAttribution {
  readonly channel: CaptureChannel;
  readonly form?: string;
  readonly formVersion?: number;
  readonly utm?: Utm;
  readonly referrer?: string;
  readonly landingPage?: string;
  /** Other named URL parameters the form asked for (`param:<name>` hidden fields). */
  readonly params?: Readonly<Record<string, string>>;
}

/** A visitor's consent as given: which consent text version they accepted (the time is the capture's). */
export interface CaptureConsent {
  readonly accepted: boolean;
  readonly version: string;
  /** The consent text shown, in the visitor's locale (stored with the consent for the record). */
  readonly text?: string;
}

/**
 * One capture, whatever the channel: field values of `object` (validated, normalised and deduped
 * like every other channel), where it came from, consent, and whether it lands as a clue or a lead.
 */
export interface CaptureInput {
  readonly object: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly attribution: CaptureAttribution;
  readonly consent?: CaptureConsent;
  /** Land as a raw clue or as a (qualified) lead; absent: the object's default (its `status` field default). */
  readonly as?: 'clue' | 'lead';
}

/** What became of one capture. `invalid` problems have JSON pointers into the input (`/data/email`). */
export type CaptureOutcome =
  | { readonly status: 'created' | 'merged'; readonly recordId: string; readonly version: number }
  | { readonly status: 'invalid'; readonly problems: readonly Problem[] };

/** One touch point: a capture's attribution at a time. */
export interface Touch {
  readonly at: string;
  readonly channel: CaptureChannel;
  readonly form?: string;
  readonly formVersion?: number;
  readonly utm?: Utm;
  readonly referrer?: string;
  readonly landingPage?: string;
  readonly params?: Readonly<Record<string, string>>;
}

/** What a record stores about where it came from (the `attribution` column, read-only in the API). */
export interface RecordAttribution {
  readonly firstTouch: Touch;
  readonly lastTouch: Touch;
  /** How many captures reached this record (1 on create, +1 per merge). */
  readonly touches: number;
  /** The latest consent given, with its time. */
  readonly consent?: CaptureConsent & { readonly at: string };
  /** On a record a conversion created: the record it was converted from (its attribution is a copy of that one's). */
  readonly convertedFrom?: { readonly object: string; readonly id: string };
}

/** An existing record a capture may merge into (it matched one of the object's dedupe keys). */
export interface CaptureCandidate {
  readonly id: string;
  readonly version: number;
  readonly createdAt: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly attribution: RecordAttribution | null;
}

/** An event the capture appends (its record id is the created or merged record). */
export interface PlannedEvent {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** What a capture comes to, decided without I/O; the runtime writes it in one transaction. */
export type CapturePlan =
  | { readonly action: 'invalid'; readonly problems: readonly Problem[] }
  | {
      readonly action: 'create';
      readonly data: Readonly<Record<string, unknown>>;
      readonly attribution: RecordAttribution;
      readonly events: readonly PlannedEvent[];
      /** The record lands as a lead (not a clue) through this capture. */
      readonly qualified: boolean;
    }
  | {
      readonly action: 'merge';
      readonly recordId: string;
      readonly expectedVersion: number;
      /** Only the fields that change; empty when the capture brings nothing new. */
      readonly patch: Readonly<Record<string, unknown>>;
      readonly attribution: RecordAttribution;
      readonly events: readonly PlannedEvent[];
      readonly qualified: boolean;
    };
