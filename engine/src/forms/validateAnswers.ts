import type { ErrorObject, ValidateFunction } from 'ajv';
import { normaliseValue } from '../capture/normaliseValue.js';
import { HOSTILE_KEYS } from '../compile/recordValidators.js';
import type { CompiledObject } from '../compile/types.js';
import { isPlainObject } from '../filter/isPlainObject.js';
import { pointerSegment } from '../package/jsonPointer.js';
import { type AnswerProblemKind, answerMessage } from './formMessages.js';
import { formState } from './formState.js';
import type { AnswerProblem, AnswersResult, CompiledConditions } from './types.js';

/** What validateAnswers needs of a compiled form. */
export interface AnswerRules {
  readonly object: CompiledObject;
  readonly defaultCountry: string;
  readonly answerFields: ReadonlySet<string>;
  readonly hiddenFields: ReadonlySet<string>;
  readonly staticRequired: readonly string[];
  readonly conditions: CompiledConditions;
  /** ajv over the shown answers (no `required`: that is checked here, to word it per locale). */
  readonly check: ValidateFunction;
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function ajvKind(error: ErrorObject, type: string): { kind: AnswerProblemKind; limit?: number } {
  const limit = (error.params as { limit?: number }).limit;
  switch (error.keyword) {
    case 'maxLength':
    case 'minLength':
    case 'minimum':
    case 'maximum':
      return type === 'multiselect'
        ? { kind: `type:multiselect` }
        : { kind: error.keyword, ...(limit !== undefined ? { limit } : {}) };
    case 'uniqueItems':
      return { kind: 'unique' };
    case 'pattern':
      return type === 'text' ? { kind: 'pattern' } : { kind: `type:${type}` as AnswerProblemKind };
    default:
      return { kind: `type:${type}` as AnswerProblemKind };
  }
}

/**
 * A visitor's answers checked the way the page checked them: known fields only, normalised
 * (trim, case, E.164), then `formState` decides which conditional fields are shown and required,
 * answers of hidden fields are dropped, required fields must be answered, and ajv checks the
 * rest. Messages are in `locale`; paths are `/answers/<field>`.
 */
export function validateAnswers(rules: AnswerRules, answers: unknown, locale: string): AnswersResult {
  const say = (path: string, kind: AnswerProblemKind, limit?: number): AnswerProblem => ({
    path,
    message: answerMessage(locale, kind, limit),
  });
  if (!isPlainObject(answers)) return { ok: false, problems: [say('/answers', 'notObject')] };
  const problems: AnswerProblem[] = [];
  const given: Record<string, unknown> = {};
  for (const key of Object.keys(answers)) {
    const path = `/answers/${pointerSegment(key)}`;
    if (HOSTILE_KEYS.has(key)) problems.push(say(path, 'notAllowed'));
    else if (rules.hiddenFields.has(key)) continue;
    else if (!rules.answerFields.has(key)) problems.push(say(path, 'unknown'));
    else {
      const normalised = normaliseValue(rules.object.fields[key]!, answers[key], rules.defaultCountry);
      if (!normalised.ok) problems.push(say(path, normalised.failure === 'phone' ? 'type:phone' : 'controlCharacters'));
      else if ('value' in normalised) given[key] = normalised.value;
    }
  }
  if (problems.some((p) => !rules.answerFields.has(p.path.slice('/answers/'.length)))) return { ok: false, problems };
  const state = formState(rules.conditions, given);
  for (const field of state.hidden) delete given[field];
  const hidden = new Set(state.hidden);
  for (const field of [...rules.staticRequired, ...state.required]) {
    const path = `/answers/${field}`;
    if (!hidden.has(field) && isBlank(given[field]) && !problems.some((p) => p.path === path))
      problems.push(say(path, 'required'));
  }
  if (!rules.check(given)) {
    const seen = new Set(problems.map((p) => p.path));
    for (const error of rules.check.errors ?? []) {
      const name = error.instancePath.split('/')[1] ?? '';
      const field = Object.hasOwn(rules.object.fields, name) ? rules.object.fields[name] : undefined;
      const path = `/answers/${name}`;
      if (!field || seen.has(path)) continue;
      seen.add(path);
      const { kind, limit } = ajvKind(error, field.type);
      problems.push(say(path, kind, limit));
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, data: given, state };
}
