import { compareProblems } from './compareProblems.js';
import { crossCheckPackage } from './crossCheck/index.js';
import type { CheckContext, Checked } from './crossCheck/types.js';
import { definitionValidators } from './definitionAjv.js';
import { definitionBasename, definitionKindOf, EXPECTED_FILE_PATHS } from './definitionKindOf.js';
import { problemsFromAjvErrors } from './problemsFromAjvErrors.js';
import type { AppPackage, DefinitionKind, PackageProblem } from './types.js';

const KINDS: readonly DefinitionKind[] = [
  'app',
  'object',
  'form',
  'pipeline',
  'scoring',
  'routing',
  'automation',
  'nurture',
  'report',
  'dashboard',
  'roles',
];

type MapKind = Exclude<DefinitionKind, 'app' | 'roles'>;

/** The check context while files are read: every slot writable. */
interface DraftContext {
  readonly present: Record<DefinitionKind, Set<string>>;
  readonly checked: { app?: Checked<unknown>; roles?: Checked<unknown> } & Record<
    MapKind,
    Map<string, Checked<unknown>>
  >;
  readonly problems: PackageProblem[];
}

function emptyContext(): DraftContext {
  const present = Object.fromEntries(KINDS.map((k) => [k, new Set<string>()])) as Record<DefinitionKind, Set<string>>;
  const maps = Object.fromEntries(
    KINDS.filter((k) => k !== 'app' && k !== 'roles').map((k) => [k, new Map<string, Checked<unknown>>()]),
  ) as Record<MapKind, Map<string, Checked<unknown>>>;
  return { present, checked: { ...maps }, problems: [] };
}

export interface ValidatePackageOptions {
  /**
   * Files that exist but could not be read (bad JSON, reported by the reader): they count as
   * present, so references to them are not reported, but nothing in them is checked.
   */
  readonly unreadable?: Iterable<string>;
}

/**
 * Every problem of an app package, sorted by file and pointer: each file against its kind's
 * JSON Schema, then cross-checks (ids equal file names, unique ids, references to objects,
 * fields, stages, roles, forms, routing, nurture sequences and reports) over the files that
 * passed their schema. Pure: the package is only read.
 */
export function validatePackage(pkg: AppPackage, options: ValidatePackageOptions = {}): PackageProblem[] {
  const ctx = emptyContext();
  const files = pkg.files;
  const unreadable = new Set(options.unreadable ?? []);
  for (const file of unreadable) {
    const kind = definitionKindOf(file);
    if (kind) ctx.present[kind].add(kind === 'app' || kind === 'roles' ? kind : definitionBasename(file));
  }
  const validators = definitionValidators();
  const paths = Object.keys(files).sort();
  for (const file of paths) {
    const kind = definitionKindOf(file);
    if (!kind) {
      ctx.problems.push({
        file,
        pointer: '',
        message: `unknown file; expected one of: ${EXPECTED_FILE_PATHS.join(', ')}`,
      });
      continue;
    }
    const id = kind === 'app' || kind === 'roles' ? kind : definitionBasename(file);
    ctx.present[kind].add(id);
    const value = files[file];
    const validate = validators[kind];
    if (!validate(value)) {
      ctx.problems.push(...problemsFromAjvErrors(file, validate.errors ?? [], value));
      continue;
    }
    const checked: Checked<unknown> = { file, id, value };
    if (kind === 'app' || kind === 'roles') {
      ctx.checked[kind] = checked;
      continue;
    }
    const declared = (value as { id: string }).id;
    if (declared !== id) {
      ctx.problems.push({ file, pointer: '/id', message: `id "${declared}" must equal the file name "${id}"` });
      continue;
    }
    ctx.checked[kind].set(id, checked);
  }
  if (!Object.hasOwn(files, 'app.json') && !unreadable.has('app.json')) {
    ctx.problems.push({ file: 'app.json', pointer: '', message: 'is missing: every package needs an app.json' });
  }
  if (ctx.present.object.size === 0) {
    ctx.problems.push({
      file: 'objects/',
      pointer: '',
      message: 'the package has no objects: add at least one objects/<name>.json',
    });
  }
  // Only files that passed their schema reach the cross-checks, so their values have the schema's types.
  crossCheckPackage(ctx as unknown as CheckContext);
  return ctx.problems.sort(compareProblems);
}
