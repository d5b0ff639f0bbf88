import type { Label } from '../compile/types.js';
import type { CompiledRule } from '../rules/types.js';

/** Where a hidden field takes its value from (issue 3, point 1). */
export type HiddenSource =
  | 'utm_source'
  | 'utm_medium'
  | 'utm_campaign'
  | 'utm_term'
  | 'utm_content'
  | 'referrer'
  | 'landingPage'
  | `param:${string}`;

/** When a field is shown and when it must be answered: JSON Logic over the other answers. */
export interface FieldCondition {
  readonly visibleWhen?: unknown;
  readonly requiredWhen?: unknown;
}

/** Field → its condition; a field not named here is always shown. */
export type FormConditions = Readonly<Record<string, FieldCondition>>;

/** Conditions compiled once (per published form on the server, per page load in the browser). */
export interface CompiledConditions {
  readonly fields: readonly string[];
  readonly visibleWhen: Readonly<Record<string, CompiledRule>>;
  readonly requiredWhen: Readonly<Record<string, CompiledRule>>;
}

/** Which conditional fields are shown and which are required for the answers given so far. */
export interface FormState {
  /** Conditional fields shown now (a field without a condition is always shown). */
  readonly visible: readonly string[];
  /** Conditional fields hidden now: their answers are dropped, never stored. */
  readonly hidden: readonly string[];
  /** Fields whose `requiredWhen` holds and that are shown. */
  readonly required: readonly string[];
}

export interface FormStep {
  readonly id: string;
  readonly title: Label;
  readonly fields: readonly string[];
}

export interface HiddenFieldSpec {
  readonly field: string;
  readonly from: HiddenSource;
}

export interface FormConsent {
  /** The object's boolean field that records the consent, or "consent" when only the attribution keeps it. */
  readonly field: string;
  readonly text: Label;
  readonly version: string;
  readonly required: boolean;
}

export type ThankYou = { readonly message: Label } | { readonly redirectUrl: string };

export interface CaptchaSpec {
  readonly provider: string;
  readonly siteKey: string;
}

/** The part of `GET /api/v1/public/forms/:form` the engine decides (the runtime adds appVersion and renderToken). */
export interface FormView {
  readonly form: string;
  readonly object: string;
  readonly locale: string;
  readonly locales: readonly string[];
  readonly title: Label;
  readonly submitLabel: Label;
  readonly steps: readonly FormStep[];
  readonly schema: Readonly<Record<string, unknown>>;
  readonly uiSchema: Readonly<Record<string, unknown>>;
  readonly conditions: FormConditions;
  readonly hidden: readonly HiddenFieldSpec[];
  readonly consent: FormConsent | null;
  readonly thankYou: ThankYou;
  readonly honeypotField: string;
  readonly captcha: CaptchaSpec | null;
}

/** Spam settings of one form, with defaults filled. */
export interface FormProtection {
  readonly honeypot: boolean;
  readonly minFillMs: number;
  readonly maxPerMinutePerIp: number | undefined;
  readonly maxPerMinute: number | undefined;
  readonly blockedDomains: readonly string[];
  readonly allowedOrigins: readonly string[];
}

/** A problem with an answer, located by a JSON pointer (`/answers/email`) and worded in a locale. */
export interface AnswerProblem {
  readonly path: string;
  readonly message: string;
}

export type AnswersResult =
  | {
      readonly ok: true;
      /** Normalised answers of the fields shown (answers of fields hidden by a condition are dropped). */
      readonly data: Record<string, unknown>;
      readonly state: FormState;
    }
  | { readonly ok: false; readonly problems: readonly AnswerProblem[] };

/** A form compiled once per published app version: its view for browsers and its server-side checks. */
export interface CompiledForm {
  readonly id: string;
  readonly object: string;
  readonly channel: 'form' | 'event';
  readonly as: 'clue' | 'lead' | undefined;
  readonly view: FormView;
  readonly protection: FormProtection;
  /** Fields a visitor answers, in page order. */
  readonly answerFields: readonly string[];
  /** Hidden fields with a fixed value (no `from`): field → value. */
  readonly hiddenDefaults: Readonly<Record<string, unknown>>;
  readonly conditions: CompiledConditions;
  /** `qualifyWhen` compiled: true on the record → it lands as a lead. */
  readonly qualifyWhen: CompiledRule | undefined;
  /** Checks a visitor's answers in `locale` (one of the view's locales, else the form's). */
  validateAnswers(answers: unknown, locale: string): AnswersResult;
}
