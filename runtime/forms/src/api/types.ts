import type { RJSFSchema, UiSchema } from '@rjsf/utils';

import type { Label } from '@leadforge/engine/compile';
import type { CaptchaSpec, FormConsent, FormView, ThankYou } from '@leadforge/engine/forms';

// The form contract comes from the engine, which compiles it; the browser only adds rjsf's schema types.
export type { FieldCondition, FormStep, HiddenSource, ThankYou } from '@leadforge/engine/forms';
export type { Label };
export type ConsentDefinition = FormConsent;
export type CaptchaDefinition = CaptchaSpec;

/** `GET /api/v1/public/forms/:form`: the engine's form view plus what the runtime adds. */
export interface PublicForm extends Omit<FormView, 'schema' | 'uiSchema'> {
  readonly appVersion: number;
  readonly schema: RJSFSchema;
  readonly uiSchema: UiSchema;
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
