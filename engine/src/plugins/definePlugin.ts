import { LeadforgeError } from '../errors/types.js';
import type { LeadforgePlugin } from './types.js';

const PLUGIN_NAME = /^(?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;
const SEMVER = /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Checks a plugin manifest and returns it frozen. Throws INVALID with every problem found: a plugin
 * with a bad manifest never reaches `setup`.
 */
export function definePlugin(manifest: LeadforgePlugin): LeadforgePlugin {
  const problems: { path: string; message: string }[] = [];
  const { name, version, setup } = (manifest ?? {}) as Partial<LeadforgePlugin>;
  if (typeof name !== 'string' || name.length > 214 || !PLUGIN_NAME.test(name)) {
    problems.push({ path: '/name', message: 'must be an npm-style package name (lower case, e.g. "my-plugin")' });
  }
  if (typeof version !== 'string' || version.length > 64 || !SEMVER.test(version)) {
    problems.push({ path: '/version', message: 'must be a semantic version such as "1.0.0"' });
  }
  if (typeof setup !== 'function') problems.push({ path: '/setup', message: 'must be a function setup(api)' });
  if (problems.length > 0) {
    throw new LeadforgeError(
      'INVALID',
      `invalid plugin manifest${typeof name === 'string' ? ` "${name}"` : ''}`,
      problems,
    );
  }
  return Object.freeze({ name: name!, version: version!, setup: setup! });
}
