import type { CompiledApp } from '../compile/types.js';
import { matchesProbe } from './dedupeProbes.js';
import { type PreparedCapture, prepareCapture } from './prepareCapture.js';
import { touchOf } from './touchOf.js';
import type { CaptureCandidate, CaptureInput, CapturePlan, PlannedEvent, RecordAttribution, Touch } from './types.js';

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The record an incoming capture belongs to: the first dedupe key (in the object's order) that matches, oldest record first. */
function survivor(prepared: PreparedCapture, candidates: readonly CaptureCandidate[]): CaptureCandidate | undefined {
  const { object } = prepared.policy;
  const country = prepared.app.defaultCountry;
  const oldestFirst = [...candidates].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  for (const probe of prepared.probes) {
    const found = oldestFirst.find((c) => matchesProbe(object, probe, c.data, country));
    if (found) return found;
  }
  return undefined;
}

function captureEvent(prepared: PreparedCapture, touch: Touch, outcome: 'created' | 'merged'): PlannedEvent {
  const { input } = prepared;
  const { at: _at, ...where } = touch;
  const consent = input.consent
    ? { consent: { accepted: input.consent.accepted, version: input.consent.version } }
    : {};
  return {
    type: input.attribution.form !== undefined ? 'form.submitted' : 'record.captured',
    data: { ...where, outcome, fields: [...prepared.supplied].sort(), ...consent },
  };
}

function qualifiedEvent(prepared: PreparedCapture): PlannedEvent {
  const a = prepared.input.attribution;
  return {
    type: 'lead.qualified',
    data: { by: 'capture', channel: a.channel, ...(a.form !== undefined ? { form: a.form } : {}) },
  };
}

function consentOf(prepared: PreparedCapture, touch: Touch): Pick<RecordAttribution, 'consent'> {
  const c = prepared.input.consent;
  return c ? { consent: { ...c, at: touch.at } } : {};
}

function planCreate(prepared: PreparedCapture, touch: Touch): CapturePlan {
  const status = prepared.policy.statusField;
  const qualified = status !== undefined && prepared.input.as === 'lead' && prepared.data[status] === 'lead';
  const events = [captureEvent(prepared, touch, 'created')];
  if (qualified) events.push(qualifiedEvent(prepared));
  return {
    action: 'create',
    data: prepared.data,
    attribution: { firstTouch: touch, lastTouch: touch, touches: 1, ...consentOf(prepared, touch) },
    events,
    qualified,
  };
}

/**
 * The merge policy: fill empty fields; overwrite only the object's `newestWins` fields; never
 * overwrite with empty; never take a record back from lead to clue; a consent box only turns on.
 */
function mergePatch(prepared: PreparedCapture, existing: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { policy, data, supplied } = prepared;
  const patch: Record<string, unknown> = {};
  for (const name of supplied) {
    const incoming = data[name];
    if (isEmpty(incoming) || name === policy.statusField) continue;
    const current = existing[name];
    if (isEmpty(current)) patch[name] = incoming;
    else if (policy.newestWins.has(name) && !same(current, incoming)) patch[name] = incoming;
    else if (policy.object.fields[name]?.type === 'boolean' && incoming === true && current === false)
      patch[name] = true;
  }
  const status = policy.statusField;
  if (status && prepared.input.as === 'lead' && (isEmpty(existing[status]) || existing[status] === 'clue'))
    patch[status] = 'lead';
  return patch;
}

function planMerge(prepared: PreparedCapture, target: CaptureCandidate, touch: Touch): CapturePlan {
  const patch = mergePatch(prepared, target.data);
  const status = prepared.policy.statusField;
  const qualified = status !== undefined && patch[status] === 'lead';
  const previous = target.attribution;
  const events = [captureEvent(prepared, touch, 'merged')];
  if (qualified) events.push(qualifiedEvent(prepared));
  const consent = consentOf(prepared, touch);
  return {
    action: 'merge',
    recordId: target.id,
    expectedVersion: target.version,
    patch,
    attribution: {
      // a record made before capture existed (or by hand) has no first touch: its creation stands in
      firstTouch: previous?.firstTouch ?? { at: target.createdAt, channel: 'manual' },
      lastTouch: touch,
      touches: (previous?.touches ?? 1) + 1,
      ...(consent.consent ? consent : previous?.consent ? { consent: previous.consent } : {}),
    },
    events,
    qualified,
  };
}

/** planCapture for a capture already prepared (the runtime prepares first to know which keys to lock and look up). */
export function planPrepared(
  prepared: PreparedCapture,
  candidates: readonly CaptureCandidate[],
  now: Date,
): CapturePlan {
  const touch = touchOf(prepared.input.attribution, now);
  const target = survivor(prepared, candidates);
  return target ? planMerge(prepared, target, touch) : planCreate(prepared, touch);
}

/**
 * Decides what one capture does, without I/O: validate and normalise it, find the record it
 * duplicates among `candidates` (existing records matching any dedupe key), and plan either a
 * create or a merge by the object's merge policy, with the record's attribution (first touch
 * kept, last touch updated) and the events to append.
 */
export function planCapture(
  app: CompiledApp,
  input: CaptureInput,
  candidates: readonly CaptureCandidate[],
  now: Date,
): CapturePlan {
  const prepared = prepareCapture(app, input);
  if (!prepared.ok) return { action: 'invalid', problems: prepared.problems };
  return planPrepared(prepared.value, candidates, now);
}
