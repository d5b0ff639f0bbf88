import type { RJSFSchema, UiSchema } from '@rjsf/utils';

/** A text in several languages, e.g. `{ "en": "Company", "zh-CN": "公司" }`. */
export type Label = Readonly<Record<string, string>>;

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

export interface FormStep {
  readonly id: string;
  readonly title: Label;
  readonly fields: readonly string[];
}

export interface FieldCondition {
  readonly visibleWhen?: unknown;
  readonly requiredWhen?: unknown;
}

export interface ConsentDefinition {
  readonly field: string;
  readonly text: Label;
  readonly version: string;
  readonly required: boolean;
}

export type ThankYou = { readonly message: Label } | { readonly redirectUrl: string };

export interface CaptchaDefinition {
  readonly provider: string;
  readonly siteKey: string;
}

/** `GET /api/v1/public/forms/:form`: a compiled form as a browser renders it. */
export interface PublicForm {
  readonly form: string;
  readonly appVersion: number;
  readonly object: string;
  readonly locale: string;
  readonly locales: readonly string[];
  readonly title: Label;
  readonly submitLabel: Label;
  readonly steps: readonly FormStep[];
  readonly schema: RJSFSchema;
  readonly uiSchema: UiSchema;
  readonly conditions: Readonly<Record<string, FieldCondition>>;
  readonly hidden: readonly { readonly field: string; readonly from: HiddenSource }[];
  readonly consent: ConsentDefinition | null;
  readonly thankYou: ThankYou;
  readonly honeypotField: string;
  readonly captcha: CaptchaDefinition | null;
  readonly renderToken: string;
}

export type Answers = Record<string, unknown>;

/** The visitor's attribution as the submission carries it. */
export interface HiddenValues {
  utm_source?: string;
  utm_medium?: string;
  utm_campaign?: string;
  utm_term?: string;
  utm_content?: string;
  referrer?: string;
  landingPage?: string;
  params?: Record<string, string>;
}

/** `POST /api/v1/public/forms/:form/submissions`. */
export interface SubmissionBody {
  readonly answers: Answers;
  readonly hidden: HiddenValues;
  readonly consent?: { readonly accepted: boolean; readonly version: string };
  readonly renderToken: string;
  readonly honeypot?: string;
  readonly captchaToken?: string;
}

export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
}

/** What the visitor sees after a submission the server took (201 accepted, 202 queued or held). */
export interface SubmissionReceipt {
  readonly status: 'accepted' | 'queued' | 'held';
  readonly thankYou: ThankYou | null;
}
