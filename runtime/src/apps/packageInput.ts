import { type AppPackage, LeadforgeError } from '@leadforge/engine';

const FILE_PATH = /^(?:[a-z0-9][a-z0-9_-]{0,62}\/)?[a-z0-9][a-z0-9_.-]{0,62}\.json$/;
const MAX_FILES = 500;

/** Checks that an API body is `{ files: { "<path>.json": <json> } }` before it reaches the validator. */
export function packageFromBodyOrThrow(body: unknown): AppPackage {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new LeadforgeError('MALFORMED', 'body must be an object { files: { path: json } }', [
      { path: '', message: 'must be an object' },
    ]);
  }
  const keys = Object.keys(body);
  const unknown = keys.filter((k) => k !== 'files' && k !== 'note' && k !== 'expectedVersion');
  if (unknown.length > 0) {
    throw new LeadforgeError(
      'MALFORMED',
      'unknown property in body',
      unknown.map((k) => ({ path: `/${k}`, message: `unknown property "${k}"` })),
    );
  }
  const files = (body as { files?: unknown }).files;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) {
    throw new LeadforgeError('MALFORMED', 'files must be an object of path → JSON', [
      { path: '/files', message: 'must be an object' },
    ]);
  }
  const paths = Object.keys(files);
  if (paths.length > MAX_FILES) {
    throw new LeadforgeError('MALFORMED', `a package has at most ${MAX_FILES} files`, [
      { path: '/files', message: `has ${paths.length} files` },
    ]);
  }
  const bad = paths.filter((p) => !FILE_PATH.test(p));
  if (bad.length > 0) {
    throw new LeadforgeError(
      'MALFORMED',
      'file paths must be relative .json paths like objects/lead.json',
      bad.map((p) => ({
        path: `/files/${p.replaceAll('~', '~0').replaceAll('/', '~1')}`,
        message: 'is not a valid package file path',
      })),
    );
  }
  return { files: files as Record<string, unknown> };
}
