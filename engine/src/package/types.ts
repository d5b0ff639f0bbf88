/**
 * An app package in memory: file path relative to the package root (POSIX separators,
 * e.g. `objects/lead.json`) → parsed JSON content. Reading a folder is the runtime's job;
 * the engine only ever sees this map.
 */
export interface AppPackage {
  readonly files: Readonly<Record<string, unknown>>;
}

/** A validation problem located in a package file: printed as `file: /json/pointer: sentence`. */
export interface PackageProblem {
  readonly file: string;
  readonly pointer: string;
  readonly message: string;
}

export type DefinitionKind =
  | 'app'
  | 'object'
  | 'form'
  | 'pipeline'
  | 'scoring'
  | 'routing'
  | 'automation'
  | 'nurture'
  | 'report'
  | 'dashboard'
  | 'roles';
