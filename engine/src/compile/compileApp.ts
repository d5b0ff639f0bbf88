import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { AppDefinition, ObjectDefinition, RolesDefinition } from '../package/schemas/index.js';
import type { AppPackage, PackageProblem } from '../package/types.js';
import { validatePackage } from '../package/validatePackage.js';
import { compileObject } from './compileObject.js';
import { compileRoles } from './compileRoles.js';
import { deepFreeze } from './deepFreeze.js';
import { packageFingerprint } from './fingerprint.js';
import type { CompiledApp, CompiledObject, IndexSpec } from './types.js';

export type CompileAppResult =
  | { readonly ok: true; readonly app: CompiledApp }
  | { readonly ok: false; readonly problems: readonly PackageProblem[] };

/** The package's files in path order, copied so freezing them leaves the caller's objects alone. */
function copyFiles(files: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const path of Object.keys(files).sort()) copy[path] = structuredClone(files[path]);
  return copy;
}

/**
 * Validates a package and compiles it into an immutable app: objects with record validators,
 * roles, indexes, fingerprint. No I/O; the same package always gives an equal app. Problems
 * come back as values (see {@link compileAppOrThrow} for the throwing form).
 */
export function compileApp(pkg: AppPackage): CompileAppResult {
  const problems = validatePackage(pkg);
  if (problems.length > 0) return { ok: false, problems };
  const files = copyFiles(pkg.files);
  const app = files['app.json'] as AppDefinition;
  const roles = files['roles.json'] as RolesDefinition | undefined;
  const definitions = Object.keys(files)
    .filter((path) => path.startsWith('objects/'))
    .map((path) => files[path] as ObjectDefinition);
  const ajv = new Ajv({ allErrors: true, strict: true, removeAdditional: false, useDefaults: false });
  addFormats(ajv);
  const objects: Record<string, CompiledObject> = {};
  const indexes: IndexSpec[] = [];
  for (const definition of definitions) {
    objects[definition.id] = compileObject(ajv, definition);
    for (const field of definition.fields)
      if (field.indexed) indexes.push({ object: definition.id, field: field.name });
  }
  const compiled: CompiledApp = {
    id: app.id,
    name: app.name,
    version: app.version,
    defaultLocale: app.defaultLocale,
    defaultCountry: app.defaultCountry,
    objects,
    roles: compileRoles(roles?.roles ?? []),
    indexes,
    files,
    fingerprint: packageFingerprint(files),
  };
  return { ok: true, app: deepFreeze(compiled) };
}
