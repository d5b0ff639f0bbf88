import { pointerSegment } from '../jsonPointer.js';

/** Rule trees deeper than this are refused: evaluation and compilation recurse over them. */
export const MAX_JSON_LOGIC_DEPTH = 32;

/** Operators whose later arguments run against each array item, where `var` names the item, not a field. */
const ITEM_SCOPED_OPERATORS = new Set(['all', 'some', 'none', 'filter', 'map', 'reduce']);

/** True when the JSON value nests more than `limit` arrays/objects deep. */
export function exceedsDepth(value: unknown, limit: number = MAX_JSON_LOGIC_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit === 0) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => exceedsDepth(child, limit - 1));
}

/** A `{"var": …}` reference found in a rule: the pointer to the name and its first path segment. */
export interface JsonLogicVar {
  readonly pointer: string;
  readonly name: string;
}

/**
 * Every record variable a JSON Logic rule reads: `{"var": "company.size"}` → `company`. Computed
 * names and the empty name are skipped; inside `some`/`all`/`map`… only the array argument is read.
 */
export function jsonLogicVars(rule: unknown, at = ''): JsonLogicVar[] {
  if (Array.isArray(rule)) return rule.flatMap((item, i) => jsonLogicVars(item, `${at}/${i}`));
  if (typeof rule !== 'object' || rule === null) return [];
  const found: JsonLogicVar[] = [];
  for (const [operator, args] of Object.entries(rule)) {
    const here = `${at}/${pointerSegment(operator)}`;
    if (operator === 'var') {
      const [name, namePointer] = Array.isArray(args) ? [args[0], `${here}/0`] : [args, here];
      if (typeof name === 'string' && name !== '') found.push({ pointer: namePointer, name: name.split('.')[0]! });
      else found.push(...jsonLogicVars(name, namePointer));
    } else if (ITEM_SCOPED_OPERATORS.has(operator) && Array.isArray(args)) {
      found.push(...jsonLogicVars(args[0], `${here}/0`));
    } else {
      found.push(...jsonLogicVars(args, here));
    }
  }
  return found;
}
