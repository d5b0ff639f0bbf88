import { formState } from '@leadforge/engine/forms';
import { useMemo } from 'react';
import type { Answers, PublicForm } from '../api/types.js';
import type { FieldStates } from '../model/fieldStates.js';

/**
 * Which fields are shown and required for the answers so far, decided by the engine's `formState`, the one
 * evaluator the server runs too (issue 3, point 2): a field the form requires outright (the schema's `required`)
 * or whose `requiredWhen` holds is required; a field whose `visibleWhen` fails is hidden.
 */
export function useFieldStates(definition: PublicForm, answers: Answers): FieldStates {
  const { conditions, schema } = definition;
  const state = useMemo(() => formState(conditions, answers), [conditions, answers]);
  return useMemo(() => {
    const hidden = new Set(state.hidden);
    const required = new Set([...(Array.isArray(schema.required) ? schema.required : []), ...state.required]);
    return { visible: (field) => !hidden.has(field), required: (field) => required.has(field) };
  }, [state, schema]);
}
