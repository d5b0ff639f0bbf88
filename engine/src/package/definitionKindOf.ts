import type { DefinitionKind } from './types.js';

/** Folders that hold one definition per `<name>.json` file, and the kind each holds. */
export const DEFINITION_FOLDERS = {
  objects: 'object',
  forms: 'form',
  pipelines: 'pipeline',
  scoring: 'scoring',
  routing: 'routing',
  automations: 'automation',
  nurture: 'nurture',
  reports: 'report',
  dashboards: 'dashboard',
} as const satisfies Record<string, DefinitionKind>;

/** Files that sit at the package root. */
export const ROOT_FILES = { 'app.json': 'app', 'roles.json': 'roles' } as const satisfies Record<
  string,
  DefinitionKind
>;

/** Human list of the accepted paths, used in the "unknown file" problem. */
export const EXPECTED_FILE_PATHS: readonly string[] = [
  ...Object.keys(ROOT_FILES),
  ...Object.keys(DEFINITION_FOLDERS).map((folder) => `${folder}/<name>.json`),
];

/** Which kind of definition a package file holds, from its path alone; undefined for any other file. */
export function definitionKindOf(path: string): DefinitionKind | undefined {
  if (Object.hasOwn(ROOT_FILES, path)) return ROOT_FILES[path as keyof typeof ROOT_FILES];
  const match = /^([^/]+)\/([^/]+)\.json$/.exec(path);
  if (!match || match[2] === '') return undefined;
  const folder = match[1]!;
  return Object.hasOwn(DEFINITION_FOLDERS, folder)
    ? DEFINITION_FOLDERS[folder as keyof typeof DEFINITION_FOLDERS]
    : undefined;
}

/** The `<name>` of `folder/<name>.json`: a definition's id must equal it. */
export function definitionBasename(path: string): string {
  const file = path.slice(path.lastIndexOf('/') + 1);
  return file.endsWith('.json') ? file.slice(0, -'.json'.length) : file;
}
