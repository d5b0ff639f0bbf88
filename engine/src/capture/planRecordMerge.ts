import type { CapturePolicy } from './capturePolicy.js';
import type { CaptureCandidate, RecordAttribution } from './types.js';

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

export interface RecordMergePlan {
  /** Fields the survivor takes from the loser: only those it has empty (a manual merge overwrites nothing). */
  readonly patch: Readonly<Record<string, unknown>>;
  /** Earliest first touch, latest last touch, touches added; null when neither record was captured. */
  readonly attribution: RecordAttribution | null;
}

/**
 * A manual merge of `loser` into `survivor`: the survivor keeps every value it has and fills its
 * empty fields from the loser (a lead status beats a clue); the attribution spans both records.
 */
export function planRecordMerge(
  policy: CapturePolicy,
  survivor: CaptureCandidate,
  loser: CaptureCandidate,
): RecordMergePlan {
  const patch: Record<string, unknown> = {};
  for (const name of policy.object.fieldNames) {
    const field = policy.object.fields[name]!;
    if (field.readonly) continue;
    if (isEmpty(survivor.data[name]) && !isEmpty(loser.data[name])) patch[name] = loser.data[name];
  }
  const status = policy.statusField;
  if (status && survivor.data[status] === 'clue' && loser.data[status] === 'lead') patch[status] = 'lead';
  const a = survivor.attribution;
  const b = loser.attribution;
  let attribution: RecordAttribution | null = a ?? b;
  if (a && b) {
    const first = a.firstTouch.at <= b.firstTouch.at ? a.firstTouch : b.firstTouch;
    const last = a.lastTouch.at >= b.lastTouch.at ? a.lastTouch : b.lastTouch;
    const consent =
      a.consent && b.consent ? (a.consent.at >= b.consent.at ? a.consent : b.consent) : (a.consent ?? b.consent);
    attribution = {
      firstTouch: first,
      lastTouch: last,
      touches: a.touches + b.touches,
      ...(consent ? { consent } : {}),
    };
  }
  return { patch, attribution };
}
