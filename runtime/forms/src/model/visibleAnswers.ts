import type { Answers } from '../api/types.js';

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * The answers to send: only the visible fields (a hidden conditional field's earlier answer is dropped, as the
 * server would ignore it) and never an empty value, which the server would read as an answer.
 */
export function visibleAnswers(answers: Answers, fields: readonly string[]): Answers {
  return Object.fromEntries(
    fields.flatMap((field) =>
      Object.hasOwn(answers, field) && !isEmpty(answers[field]) ? [[field, answers[field]]] : [],
    ),
  );
}
