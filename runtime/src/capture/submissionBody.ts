import { LeadforgeError, type Problem } from '@leadforge/engine';
import { hasControlCharacters, hasLoneSurrogate } from '../../../engine/src/capture/controlCharacters.js';
import { isPlainObject } from '../records/recordInput.js';

/** The visitor's attribution as a submission carries it (contract: `hidden`). */
export interface HiddenValues {
  readonly utm_source?: string;
  readonly utm_medium?: string;
  readonly utm_campaign?: string;
  readonly utm_term?: string;
  readonly utm_content?: string;
  readonly referrer?: string;
  readonly landingPage?: string;
  readonly params?: Readonly<Record<string, string>>;
  /** The tracking snippet's anonymous visitor id (`lf_vid`): its earlier events count for the lead. */
  readonly visitorId?: string;
}

/** `POST /api/v1/public/forms/:form/submissions` body, checked for shape (answers are the form's to check). */
export interface SubmissionBody {
  readonly answers: unknown;
  readonly hidden: HiddenValues;
  readonly consent?: { readonly accepted: boolean; readonly version: string };
  readonly renderToken: string;
  readonly honeypot?: string;
  readonly captchaToken?: string;
}

const BODY_KEYS = new Set(['answers', 'hidden', 'consent', 'renderToken', 'honeypot', 'captchaToken']);
const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;
const URL_KEYS = ['referrer', 'landingPage'] as const;
const PARAM_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const VISITOR_ID = /^[A-Za-z0-9_-]{8,64}$/;
const MAX_PARAM_VALUE = 500;
const MAX_URL = 2048;
const MAX_PARAMS = 20;

function boundedText(value: unknown, path: string, max: number, problems: Problem[]): value is string {
  if (typeof value !== 'string') problems.push({ path, message: 'must be a string' });
  else if (value.length > max) problems.push({ path, message: `must be at most ${max} characters` });
  else if (hasControlCharacters(value) || hasLoneSurrogate(value))
    problems.push({ path, message: 'must not contain control characters' });
  else return true;
  return false;
}

function hiddenOf(value: unknown, problems: Problem[]): HiddenValues {
  if (value === undefined) return {};
  if (!isPlainObject(value)) {
    problems.push({ path: '/hidden', message: 'must be an object' });
    return {};
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const path = `/hidden/${key}`;
    const v = value[key];
    if ((UTM_KEYS as readonly string[]).includes(key)) {
      if (boundedText(v, path, MAX_PARAM_VALUE, problems)) out[key] = v;
    } else if ((URL_KEYS as readonly string[]).includes(key)) {
      if (boundedText(v, path, MAX_URL, problems)) out[key] = v;
    } else if (key === 'visitorId') {
      if (typeof v !== 'string' || !VISITOR_ID.test(v))
        problems.push({ path, message: 'must be 8 to 64 letters, digits, "-" or "_"' });
      else out[key] = v;
    } else if (key === 'params') {
      if (!isPlainObject(v)) problems.push({ path, message: 'must be an object' });
      else if (Object.keys(v).length > MAX_PARAMS)
        problems.push({ path, message: `must have at most ${MAX_PARAMS} parameters` });
      else {
        const params: Record<string, string> = {};
        for (const name of Object.keys(v)) {
          if (!PARAM_NAME.test(name)) problems.push({ path: `${path}/${name}`, message: 'is not a parameter name' });
          else if (boundedText(v[name], `${path}/${name}`, MAX_PARAM_VALUE, problems)) params[name] = v[name];
        }
        out['params'] = params;
      }
    } else problems.push({ path, message: `unknown hidden value "${key}"` });
  }
  return out as HiddenValues;
}

/** Checks the envelope of a public submission; anything off is a 400 naming each bad part. */
export function submissionBodyOrThrow(body: unknown): SubmissionBody {
  if (!isPlainObject(body)) {
    throw new LeadforgeError('MALFORMED', 'request body must be a JSON object', [
      { path: '', message: 'must be an object' },
    ]);
  }
  const problems: Problem[] = [];
  for (const key of Object.keys(body)) {
    if (!BODY_KEYS.has(key)) problems.push({ path: `/${key}`, message: `unknown property "${key}"` });
  }
  if (!isPlainObject(body['answers'])) problems.push({ path: '/answers', message: 'must be an object of answers' });
  const hidden = hiddenOf(body['hidden'], problems);
  const consent = body['consent'];
  if (consent !== undefined) {
    if (!isPlainObject(consent) || typeof consent['accepted'] !== 'boolean')
      problems.push({ path: '/consent', message: 'must be { accepted: boolean, version: string }' });
    else {
      boundedText(consent['version'], '/consent/version', 32, problems);
      for (const key of Object.keys(consent)) {
        if (key !== 'accepted' && key !== 'version')
          problems.push({ path: `/consent/${key}`, message: `unknown property "${key}"` });
      }
    }
  }
  if (typeof body['renderToken'] !== 'string' || body['renderToken'].length === 0)
    problems.push({ path: '/renderToken', message: 'is required: the token the form was served with' });
  else boundedText(body['renderToken'], '/renderToken', 1000, problems);
  if (body['honeypot'] !== undefined && typeof body['honeypot'] !== 'string')
    problems.push({ path: '/honeypot', message: 'must be a string' });
  if (body['captchaToken'] !== undefined) boundedText(body['captchaToken'], '/captchaToken', 4096, problems);
  if (problems.length > 0) throw new LeadforgeError('MALFORMED', 'invalid submission', problems);
  return {
    answers: body['answers'],
    hidden,
    ...(consent !== undefined ? { consent: consent as { accepted: boolean; version: string } } : {}),
    renderToken: body['renderToken'] as string,
    ...(typeof body['honeypot'] === 'string' ? { honeypot: body['honeypot'] } : {}),
    ...(typeof body['captchaToken'] === 'string' ? { captchaToken: body['captchaToken'] } : {}),
  };
}
