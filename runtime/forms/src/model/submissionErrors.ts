import type { ErrorDetail, FormStep } from '../api/types.js';

/** A 422 answer sorted for display: messages by field, the consent's, the rest, and the first step to revisit. */
export interface SubmissionErrors {
  readonly byField: Readonly<Record<string, readonly string[]>>;
  readonly consent: readonly string[];
  readonly general: readonly string[];
  /** The first step holding a field with an error, or null when no shown field has one. */
  readonly firstStep: number | null;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Places each `{ path, message }` of a 422 next to what it names: `/answers/<field>` by its field (when the form
 * shows that field), `/consent…` by the consent box, anything else above the buttons.
 */
export function submissionErrors(details: readonly ErrorDetail[], steps: readonly FormStep[]): SubmissionErrors {
  const byField = new Map<string, string[]>();
  const consent: string[] = [];
  const general: string[] = [];
  const stepOf = new Map<string, number>();
  steps.forEach((step, index) => {
    for (const field of step.fields) if (!stepOf.has(field)) stepOf.set(field, index);
  });
  let firstStep: number | null = null;
  for (const { path, message } of details) {
    const [, root, segment] = path.split('/');
    const field = root === 'answers' && segment !== undefined ? unescapePointer(segment) : null;
    const step = field === null ? undefined : stepOf.get(field);
    if (field !== null && step !== undefined) {
      byField.set(field, [...(byField.get(field) ?? []), message]);
      firstStep = firstStep === null ? step : Math.min(firstStep, step);
    } else if (root === 'consent') {
      consent.push(message);
    } else {
      general.push(message);
    }
  }
  // fromEntries defines own properties: a field named `__proto__` stays a field.
  return { byField: Object.fromEntries(byField), consent, general, firstStep };
}
