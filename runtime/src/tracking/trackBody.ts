import { LeadforgeError, type Problem } from '@leadforge/engine';
import { isPlainObject, UUID } from '../records/recordInput.js';

/** Who a tracked event is about: a known record, an email address, or an anonymous visitor. */
export type TrackIdentity =
  | { readonly kind: 'record'; readonly recordId: string }
  | { readonly kind: 'email'; readonly email: string }
  | { readonly kind: 'visitor'; readonly visitorId: string };

export interface TrackBody {
  readonly eventId: string;
  readonly type: string;
  readonly at: Date | undefined;
  readonly url: string | undefined;
  readonly properties: Readonly<Record<string, string | number | boolean | null>>;
  readonly identity: TrackIdentity;
}

export interface IdentifyBody {
  readonly visitorId: string;
  readonly email: string;
}

/** Behaviour event types the endpoint accepts besides those a published behaviour rule names. */
export const TRACKED_TYPES: readonly string[] = [
  'page.viewed',
  'whitepaper.downloaded',
  'pricing.viewed',
  'webinar.registered',
  'webinar.attended',
  'email.opened',
  'email.clicked',
  'demo.requested',
  'trial.started',
];
/** Events only the platform writes: a tracked event may never pose as one of them. */
const RESERVED = /^(form\.|lead\.|score\.|record\.|capture\.|stage\.|owner\.)/;
const TYPE = /^[a-z][a-z0-9_]{0,39}(\.[a-z][a-z0-9_]{0,39}){1,3}$/;
const EVENT_ID = /^[A-Za-z0-9._:-]{8,128}$/;
const VISITOR_ID = /^[A-Za-z0-9_-]{8,64}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{1,63}$/;
const KEYS = new Set(['eventId', 'type', 'at', 'url', 'properties', 'recordId', 'email', 'visitorId']);
const MAX_PROPERTIES = 20;
const MAX_TEXT = 500;
/** Accept an event's own time up to a year back and five minutes ahead (clock skew), never further. */
const PAST_MS = 366 * 24 * 3600_000;
const FUTURE_MS = 5 * 60_000;

function text(problems: Problem[], value: unknown, path: string, pattern: RegExp, what: string): string {
  if (typeof value === 'string' && pattern.test(value)) return value;
  problems.push({ path, message: `must be ${what}` });
  return '';
}

function urlOf(problems: Problem[], value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.length <= 2048) {
    try {
      const url = new URL(value);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
    } catch {
      // refused below
    }
  }
  problems.push({ path: '/url', message: 'must be an http(s) URL of at most 2,048 characters' });
  return undefined;
}

function atOf(problems: Problem[], value: unknown, now: Date): Date | undefined {
  if (value === undefined) return undefined;
  const at = typeof value === 'string' && value.length <= 40 ? new Date(value) : new Date(Number.NaN);
  const ms = at.getTime();
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(value as string)) {
    problems.push({ path: '/at', message: 'must be an ISO 8601 date-time' });
    return undefined;
  }
  if (ms > now.getTime() + FUTURE_MS || ms < now.getTime() - PAST_MS) {
    problems.push({ path: '/at', message: 'must be within the last year and not in the future' });
    return undefined;
  }
  return at;
}

function propertiesOf(problems: Problem[], value: unknown): TrackBody['properties'] {
  if (value === undefined) return {};
  if (!isPlainObject(value) || Object.keys(value).length > MAX_PROPERTIES) {
    problems.push({ path: '/properties', message: `must be an object of at most ${MAX_PROPERTIES} properties` });
    return {};
  }
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, v] of Object.entries(value)) {
    const ok =
      /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(key) &&
      (v === null ||
        typeof v === 'boolean' ||
        (typeof v === 'number' && Number.isFinite(v)) ||
        (typeof v === 'string' && v.length <= MAX_TEXT));
    if (!ok)
      problems.push({
        path: `/properties/${key}`,
        message: 'must be a short name with a text, number, boolean or null',
      });
    else out[key] = v as string | number | boolean | null;
  }
  return out;
}

function identityOf(problems: Problem[], body: Record<string, unknown>): TrackIdentity {
  const given = (['recordId', 'email', 'visitorId'] as const).filter((k) => body[k] !== undefined);
  if (given.length !== 1) {
    problems.push({ path: '', message: 'name exactly one of recordId, email or visitorId' });
    return { kind: 'visitor', visitorId: '' };
  }
  if (given[0] === 'recordId')
    return {
      kind: 'record',
      recordId: text(problems, body['recordId'], '/recordId', UUID, 'a record id').toLowerCase(),
    };
  if (given[0] === 'email')
    return { kind: 'email', email: text(problems, body['email'], '/email', EMAIL, 'an email address').toLowerCase() };
  return { kind: 'visitor', visitorId: text(problems, body['visitorId'], '/visitorId', VISITOR_ID, 'a visitor id') };
}

function unknownKeys(problems: Problem[], body: Record<string, unknown>, known: ReadonlySet<string>): void {
  for (const key of Object.keys(body))
    if (!known.has(key)) problems.push({ path: `/${key}`, message: `unknown property "${key}"` });
}

/**
 * Checks a tracked event: `{ eventId, type, at?, url?, properties?, recordId | email | visitorId }`.
 * `type` is a known behaviour type or one a published rule names, never a platform event.
 */
export function trackBodyOrThrow(body: unknown, extraTypes: ReadonlySet<string>, now: Date): TrackBody {
  if (!isPlainObject(body)) throw new LeadforgeError('MALFORMED', 'send a JSON object');
  const problems: Problem[] = [];
  unknownKeys(problems, body, KEYS);
  const eventId = text(
    problems,
    body['eventId'],
    '/eventId',
    EVENT_ID,
    'an event id of 8 to 128 letters, digits or ._:-',
  );
  const type = text(problems, body['type'], '/type', TYPE, 'an event type such as page.viewed');
  if (type && (RESERVED.test(type) || !(TRACKED_TYPES.includes(type) || extraTypes.has(type))))
    problems.push({ path: '/type', message: `"${type}" is not a behaviour event this app tracks` });
  const result: TrackBody = {
    eventId,
    type,
    at: atOf(problems, body['at'], now),
    url: urlOf(problems, body['url']),
    properties: propertiesOf(problems, body['properties']),
    identity: identityOf(problems, body),
  };
  if (problems.length > 0) throw new LeadforgeError('INVALID', 'the event is not valid', problems);
  return result;
}

/** Checks `{ visitorId, email }`. */
export function identifyBodyOrThrow(body: unknown): IdentifyBody {
  if (!isPlainObject(body)) throw new LeadforgeError('MALFORMED', 'send a JSON object');
  const problems: Problem[] = [];
  unknownKeys(problems, body, new Set(['visitorId', 'email']));
  const visitorId = text(problems, body['visitorId'], '/visitorId', VISITOR_ID, 'a visitor id');
  const email = text(problems, body['email'], '/email', EMAIL, 'an email address').toLowerCase();
  if (problems.length > 0) throw new LeadforgeError('INVALID', 'the identification is not valid', problems);
  return { visitorId, email };
}
