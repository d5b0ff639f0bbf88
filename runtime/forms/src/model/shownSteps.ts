/**
 * The steps a visitor goes through: those with at least one visible field. A step whose fields are all hidden by
 * conditions is skipped by Next and Back; a form with nothing visible still shows its last step (consent, submit).
 */
export function shownSteps(visibleFieldCounts: readonly number[]): number[] {
  const shown = visibleFieldCounts.flatMap((count, index) => (count > 0 ? [index] : []));
  return shown.length > 0 ? shown : [Math.max(0, visibleFieldCounts.length - 1)];
}

/** The step to show for `index`: itself when shown, else the next shown step, else the last one. */
export function shownStepAt(shown: readonly number[], index: number): number {
  return shown.find((s) => s >= index) ?? shown[shown.length - 1] ?? 0;
}
