import { LeadforgeError } from '../errors/types.js';
import type { AppPackage } from '../package/types.js';
import { compileApp } from './compileApp.js';
import type { CompiledApp } from './types.js';

/**
 * {@link compileApp} that throws `LeadforgeError('INVALID')` with one detail per problem,
 * `path` = file + pointer (`objects/lead.json/fields/2/type`).
 */
export function compileAppOrThrow(pkg: AppPackage): CompiledApp {
  const result = compileApp(pkg);
  if (result.ok) return result.app;
  const n = result.problems.length;
  throw new LeadforgeError(
    'INVALID',
    `the app package has ${n} problem${n === 1 ? '' : 's'}`,
    result.problems.map((p) => ({ path: `${p.file}${p.pointer}`, message: p.message })),
  );
}
