import { useRef } from 'react';
import type { StepView } from '../model/stepView.js';

function signatureOf(view: StepView): string {
  return JSON.stringify([view.fields, view.schema.required]);
}

/**
 * The same view object while the step shows the same fields with the same required ones: rjsf and ajv then keep
 * their compiled validator instead of compiling a new one on every keystroke.
 */
export function useStableView(view: StepView, scope: string): StepView {
  const last = useRef<{ key: string; view: StepView } | null>(null);
  const key = `${scope}|${signatureOf(view)}`;
  if (last.current?.key !== key) last.current = { key, view };
  return last.current.view;
}
