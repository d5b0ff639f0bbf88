import { LeadforgeError, type Problem } from '../errors/types.js';
import { checkText } from '../filter/filterValue.js';
import { jsonPointer } from '../filter/jsonPointer.js';

function collect(value: unknown, path: string, problems: Problem[]): void {
  if (typeof value === 'string') {
    const checked = checkText(value.length > 10_000 ? value.slice(0, 10_000) : value);
    if (!checked.ok) problems.push({ path, message: checked.message });
  } else if (typeof value === 'number' && !Number.isFinite(value)) {
    problems.push({ path, message: 'numbers must be finite' });
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) collect(v, jsonPointer(path, i), problems);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) collect(v, jsonPointer(path, k), problems);
  }
}

/**
 * The last guard before jsonb: PostgreSQL refuses NUL characters and unpaired surrogates, so such
 * values become a MALFORMED error with field paths instead of a SQL error. Validation normally
 * catches them first; the store does not otherwise validate.
 */
export function assertStorableData(data: Record<string, unknown>, path = '/data'): void {
  const problems: Problem[] = [];
  collect(data, path, problems);
  for (const key of Object.keys(data)) {
    if (!checkText(key).ok) problems.push({ path: jsonPointer(path, key), message: 'field names cannot hold NUL' });
  }
  if (problems.length > 0)
    throw new LeadforgeError('MALFORMED', 'the record holds text PostgreSQL cannot store', problems);
}

/** Drops keys whose value is null: an empty field is an absent key, so filters see one kind of empty. */
export function withoutNulls(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null && v !== undefined));
}
