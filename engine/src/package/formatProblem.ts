import type { PackageProblem } from './types.js';

/**
 * One line for a person: `forms/contact-us.json: /fields/2/field: unknown field "emial" on object "lead"`.
 * A problem with the whole file (pointer '') prints its pointer as `/`.
 */
export function formatProblem(problem: PackageProblem): string {
  return `${problem.file}: ${problem.pointer === '' ? '/' : problem.pointer}: ${problem.message}`;
}
