/**
 * Capture forms: compile a form definition to JSON Schema + uiSchema for react-jsonschema-form,
 * and the one conditional-logic evaluator (`formState`) the browser and the server share.
 * Importable in the browser as `@leadforge/engine/forms`: nothing here may import node built-ins.
 */
export { compileForm, DEFAULT_MIN_FILL_SECONDS, formIds } from './compileForm.js';
export { type AnswerProblemKind, answerMessage } from './formMessages.js';
export { compileConditions, formOperators, formState } from './formState.js';
export type * from './types.js';
