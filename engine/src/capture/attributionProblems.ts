import type { Problem } from '../errors/types.js';
import { isPlainObject } from '../filter/isPlainObject.js';
import { hasControlCharacters, hasLoneSurrogate } from './controlCharacters.js';
import type { CaptureAttribution, CaptureConsent } from './types.js';

const CHANNELS = new Set(['form', 'event', 'import', 'api', 'manual']);
const UTM_KEYS = new Set(['source', 'medium', 'campaign', 'term', 'content']);
const PARAM_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
export const MAX_UTM_LENGTH = 500;
export const MAX_URL_LENGTH = 2048;
export const MAX_PARAMS = 20;

function text(value: unknown, path: string, max: number, problems: Problem[]): void {
  if (typeof value !== 'string') problems.push({ path, message: 'must be a string' });
  else if (value.length > max) problems.push({ path, message: `must be at most ${max} characters` });
  else if (hasControlCharacters(value) || hasLoneSurrogate(value))
    problems.push({ path, message: 'must not contain control characters' });
}

/** Checks the attribution and consent a caller gives (they are stored as given, so they are bounded here). */
export function attributionProblems(attribution: unknown, consent: unknown): Problem[] {
  const problems: Problem[] = [];
  if (!isPlainObject(attribution)) return [{ path: '/attribution', message: 'must be an object' }];
  const a = attribution as Partial<CaptureAttribution> & Record<string, unknown>;
  for (const key of Object.keys(a)) {
    if (!['channel', 'form', 'formVersion', 'utm', 'referrer', 'landingPage', 'params'].includes(key))
      problems.push({ path: `/attribution/${key}`, message: 'is not a known attribution property' });
  }
  if (typeof a.channel !== 'string' || !CHANNELS.has(a.channel))
    problems.push({ path: '/attribution/channel', message: 'must be one of: form, event, import, api, manual' });
  if (a.form !== undefined) text(a.form, '/attribution/form', 64, problems);
  if (a.formVersion !== undefined && (!Number.isInteger(a.formVersion) || (a.formVersion as number) < 1))
    problems.push({ path: '/attribution/formVersion', message: 'must be a positive integer' });
  if (a.utm !== undefined) {
    if (!isPlainObject(a.utm)) problems.push({ path: '/attribution/utm', message: 'must be an object' });
    else
      for (const [k, v] of Object.entries(a.utm)) {
        if (!UTM_KEYS.has(k)) problems.push({ path: `/attribution/utm/${k}`, message: 'is not a UTM parameter' });
        else text(v, `/attribution/utm/${k}`, MAX_UTM_LENGTH, problems);
      }
  }
  if (a.referrer !== undefined) text(a.referrer, '/attribution/referrer', MAX_URL_LENGTH, problems);
  if (a.landingPage !== undefined) text(a.landingPage, '/attribution/landingPage', MAX_URL_LENGTH, problems);
  if (a.params !== undefined) {
    if (!isPlainObject(a.params)) problems.push({ path: '/attribution/params', message: 'must be an object' });
    else {
      const entries = Object.entries(a.params);
      if (entries.length > MAX_PARAMS)
        problems.push({ path: '/attribution/params', message: `must have at most ${MAX_PARAMS} parameters` });
      for (const [k, v] of entries.slice(0, MAX_PARAMS)) {
        if (!PARAM_NAME.test(k))
          problems.push({ path: '/attribution/params', message: `"${k}" is not a parameter name` });
        else text(v, `/attribution/params/${k}`, MAX_UTM_LENGTH, problems);
      }
    }
  }
  if (consent !== undefined) {
    if (!isPlainObject(consent)) problems.push({ path: '/consent', message: 'must be an object' });
    else {
      const c = consent as Partial<CaptureConsent> & Record<string, unknown>;
      if (typeof c.accepted !== 'boolean')
        problems.push({ path: '/consent/accepted', message: 'must be true or false' });
      text(c.version, '/consent/version', 32, problems);
      if (c.text !== undefined && (typeof c.text !== 'string' || c.text.length > 5000))
        problems.push({ path: '/consent/text', message: 'must be a string of at most 5000 characters' });
      for (const key of Object.keys(c)) {
        if (!['accepted', 'version', 'text'].includes(key))
          problems.push({ path: `/consent/${key}`, message: 'is not a known consent property' });
      }
    }
  }
  return problems;
}
