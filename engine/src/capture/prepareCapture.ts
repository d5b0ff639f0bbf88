import type { CompiledApp } from '../compile/types.js';
import type { Problem, Result } from '../errors/types.js';
import { isPlainObject } from '../filter/isPlainObject.js';
import { attributionProblems } from './attributionProblems.js';
import { type CapturePolicy, capturePolicy } from './capturePolicy.js';
import { type DedupeProbe, dedupeProbes } from './dedupeProbes.js';
import { normaliseData } from './normaliseData.js';
import type { CaptureInput } from './types.js';

/** A capture that passed validation: normalised data ready to store, and the dedupe keys it fills. */
export interface PreparedCapture {
  readonly app: CompiledApp;
  readonly input: CaptureInput;
  readonly policy: CapturePolicy;
  /** The record body for a create: normalised, validated, defaults filled. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Fields the capture itself sets (not defaults): the only ones a merge may write. */
  readonly supplied: ReadonlySet<string>;
  readonly probes: readonly DedupeProbe[];
}

const prefixed = (prefix: string, problems: readonly Problem[]): Problem[] =>
  problems.map((p) => ({ path: prefix + p.path, message: p.message }));

/** Fields the attribution fills when the capture leaves them empty: UTM text fields, the channel select, clue/lead. */
function derivedFields(policy: CapturePolicy, input: CaptureInput, data: Record<string, unknown>): void {
  const a = input.attribution;
  const sources: Record<string, string | undefined> = {
    utm_source: a.utm?.source,
    utm_medium: a.utm?.medium,
    utm_campaign: a.utm?.campaign,
    utm_term: a.utm?.term,
    utm_content: a.utm?.content,
    referrer: a.referrer,
    landingPage: a.landingPage,
  };
  for (const [field, source] of Object.entries(policy.attributionFields)) {
    const value = sources[source];
    if (data[field] === undefined && typeof value === 'string' && value !== '') {
      const max = policy.object.fields[field]!.max ?? 1000;
      data[field] = value.slice(0, max);
    }
  }
  const channel = policy.channelField;
  const option = channel?.options[a.channel];
  if (channel && option !== undefined && data[channel.name] === undefined) data[channel.name] = option;
  if (policy.statusField && input.as !== undefined) data[policy.statusField] = input.as;
}

/**
 * Checks and normalises one capture of any channel: the object exists, the attribution and consent
 * are well-formed, the data normalises (trim, case, E.164) and passes the object's create
 * validator. Problems point into the input (`/data/email`, `/attribution/utm/source`).
 */
export function prepareCapture(app: CompiledApp, input: CaptureInput): Result<PreparedCapture> {
  if (!isPlainObject(input)) return { ok: false, problems: [{ path: '', message: 'must be an object' }] };
  const policy = typeof input.object === 'string' ? capturePolicy(app, input.object) : undefined;
  if (!policy) {
    const names = Object.keys(app.objects).join(', ');
    return { ok: false, problems: [{ path: '/object', message: `must be one of: ${names}` }] };
  }
  if (!isPlainObject(input.data)) return { ok: false, problems: [{ path: '/data', message: 'must be an object' }] };
  const problems = attributionProblems(input.attribution, input.consent);
  if (input.as !== undefined && input.as !== 'clue' && input.as !== 'lead')
    problems.push({ path: '/as', message: 'must be clue or lead' });
  if (problems.length > 0) return { ok: false, problems };
  const normalised = normaliseData(policy.object, input.data, app.defaultCountry);
  if (normalised.problems.length > 0) return { ok: false, problems: normalised.problems };
  const data = normalised.data;
  derivedFields(policy, input, data);
  const checked = policy.object.validateCreate(data);
  if (!checked.ok) return { ok: false, problems: prefixed('/data', checked.problems) };
  return {
    ok: true,
    value: {
      app,
      input,
      policy,
      data: checked.value,
      supplied: new Set(Object.keys(data)),
      probes: dedupeProbes(policy.object, checked.value),
    },
  };
}
