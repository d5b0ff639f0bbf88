import type { CompiledObject } from '../compile/types.js';
import type { Problem } from '../errors/types.js';
import type { CaptureInput } from './types.js';

/** Which field each CSV column fills (null: the column is not imported), in header order. */
export interface ImportMapping {
  readonly columns: readonly string[];
  readonly fields: readonly (string | null)[];
  /** Columns no field takes, reported to the caller (not imported). */
  readonly unmapped: readonly string[];
}

/** A row that cannot be imported: its 1-based number under the header, the column and field, and why. */
export interface ImportRowError {
  readonly row: number;
  readonly column?: string;
  readonly field?: string;
  readonly message: string;
}

/** The separator of several values in one multiselect cell (`saas;retail`). */
export const MULTISELECT_SEPARATOR = ';';

const key = (s: string) => s.normalize('NFC').trim().toLowerCase();

/** Fields a CSV column may fill: every field the system does not set itself (score, grade, stage are read-only). */
export function importableFields(object: CompiledObject): string[] {
  return object.fieldNames.filter((name) => !object.fields[name]!.readonly);
}

/**
 * The default field of a column: the field whose name, English label or Chinese label equals the
 * header (trimmed, case-insensitive).
 */
function defaultField(object: CompiledObject, header: string): string | undefined {
  const wanted = key(header);
  return importableFields(object).find((name) => {
    const field = object.fields[name]!;
    return key(name) === wanted || Object.values(field.label).some((label) => key(label) === wanted);
  });
}

/** Header problems: empty names and names given twice (compared trimmed and case-insensitive). */
export function headerProblems(header: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    if (name.trim() === '') problems.push({ path: `/header/${i + 1}`, message: `column ${i + 1} has no name` });
    const k = key(name);
    const first = seen.get(k);
    if (first !== undefined && k !== '')
      problems.push({
        path: `/header/${i + 1}`,
        message: `column "${name}" appears twice (columns ${first + 1} and ${i + 1})`,
      });
    else seen.set(k, i);
  });
  return problems;
}

/**
 * Maps the header to fields: an explicit entry (`column → field`, `''` to skip the column) wins,
 * else the default (name or label). Mapping to an unknown or read-only field, naming a column the
 * file lacks, or two columns filling one field is a problem naming each; so is a file of which no
 * column maps to a field.
 */
export function mapImportColumns(
  object: CompiledObject,
  header: readonly string[],
  explicit: Readonly<Record<string, string>> = {},
): { readonly mapping: ImportMapping; readonly problems: Problem[] } {
  const problems: Problem[] = [];
  const byKey = new Map(header.map((h, i) => [key(h), i]));
  const chosen = new Map<number, string | null>();
  for (const [column, field] of Object.entries(explicit)) {
    const at = byKey.get(key(column));
    if (at === undefined) {
      problems.push({ path: `/map/${column}`, message: `the file has no column "${column}"` });
      continue;
    }
    if (field === '') {
      chosen.set(at, null);
      continue;
    }
    if (!Object.hasOwn(object.fields, field))
      problems.push({ path: `/map/${column}`, message: `${object.name} has no field "${field}"` });
    else if (object.fields[field]!.readonly)
      problems.push({ path: `/map/${column}`, message: `"${field}" is set by the system and cannot be imported` });
    else chosen.set(at, field);
  }
  const fields = header.map((h, i) => (chosen.has(i) ? chosen.get(i)! : (defaultField(object, h) ?? null)));
  const filledBy = new Map<string, number>();
  fields.forEach((field, i) => {
    if (field === null) return;
    const first = filledBy.get(field);
    if (first !== undefined)
      problems.push({
        path: `/map/${header[i]}`,
        message: `columns "${header[first]}" and "${header[i]}" both fill "${field}"; map one of them to another field or to ""`,
      });
    else filledBy.set(field, i);
  });
  if (problems.length === 0 && filledBy.size === 0)
    problems.push({
      path: '/header',
      message: `no column maps to a field of ${object.name}: name columns after fields (${importableFields(object).slice(0, 8).join(', ')}, …) or give a map`,
    });
  return {
    mapping: { columns: [...header], fields, unmapped: header.filter((_, i) => fields[i] === null) },
    problems,
  };
}

/**
 * One CSV row as a capture input of the `import` channel: each mapped non-blank cell sets its
 * field (a multiselect cell splits on `;`); blank cells set nothing, so a merge never empties a field.
 */
export function importRowInput(object: CompiledObject, mapping: ImportMapping, cells: readonly string[]): CaptureInput {
  const data: Record<string, unknown> = {};
  mapping.fields.forEach((field, i) => {
    const cell = cells[i];
    if (field === null || cell === undefined || cell.trim() === '') return;
    data[field] =
      object.fields[field]!.type === 'multiselect' ? cell.split(MULTISELECT_SEPARATOR).map((v) => v.trim()) : cell;
  });
  return { object: object.name, data, attribution: { channel: 'import' } };
}

/** A capture's problems as row errors, naming the column each field came from. */
export function importRowErrors(mapping: ImportMapping, row: number, problems: readonly Problem[]): ImportRowError[] {
  return problems.map((p) => {
    const field = /^\/data\/([^/]+)/.exec(p.path)?.[1];
    const at = field === undefined ? -1 : mapping.fields.indexOf(field);
    return {
      row,
      ...(at >= 0 ? { column: mapping.columns[at]! } : {}),
      ...(field !== undefined ? { field } : {}),
      message: p.message,
    };
  });
}
