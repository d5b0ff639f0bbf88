import { type DefinitionKind, definitionKindOf, EXPECTED_FILE_PATHS } from '@leadforge/engine/package';

export interface PackageEntry {
  /** Where definitions of this kind live in a package, e.g. `objects/<name>.json`. */
  readonly path: string;
  readonly kind: DefinitionKind;
}

/** Every kind of definition an app package may hold, with its place in the package, from the engine's own list. */
export function packageLayout(): PackageEntry[] {
  return EXPECTED_FILE_PATHS.flatMap((path) => {
    const kind = definitionKindOf(path);
    return kind ? [{ path, kind }] : [];
  });
}
