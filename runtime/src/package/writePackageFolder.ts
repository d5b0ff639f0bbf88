import { mkdir, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type AppPackage, LeadforgeError } from '@leadforge/engine';

const SAFE_PATH = /^(?:[A-Za-z0-9_][A-Za-z0-9_.-]*\/)*[A-Za-z0-9_][A-Za-z0-9_.-]*\.json$/;

/** The exact bytes a package file is written as: two-space JSON and a final newline. */
export function packageFileText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

async function listJsonFiles(root: string, relative: string): Promise<{ files: string[]; dirs: string[] }> {
  const files: string[] = [];
  const dirs: string[] = [];
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(join(root, relative), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { files, dirs };
    throw error;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      const inner = await listJsonFiles(root, path);
      files.push(...inner.files);
      dirs.push(...inner.dirs, path);
    } else if (entry.isFile() && entry.name.endsWith('.json')) {
      files.push(path);
    }
  }
  return { files, dirs };
}

/**
 * Writes a package to a folder so that export → install → export gives identical bytes: each
 * file as {@link packageFileText}, folders created as needed, files whose bytes are already
 * right left untouched, and `*.json` files under `dir` that are not in the package removed
 * (with folders this leaves empty). Other files (README, dotfiles) are kept.
 */
export async function writePackageFolder(dir: string, pkg: AppPackage): Promise<void> {
  const paths = Object.keys(pkg.files).sort();
  const unsafe = paths.filter((p) => !SAFE_PATH.test(p) || p.split('/').some((s) => s === '..' || s === '.'));
  if (unsafe.length > 0) {
    throw new LeadforgeError(
      'MALFORMED',
      'package file paths must be relative .json paths like objects/lead.json',
      unsafe.map((p) => ({ path: p, message: 'is not a safe package file path' })),
    );
  }
  await mkdir(dir, { recursive: true });
  const existing = await listJsonFiles(dir, '');
  const wanted = new Set(paths);
  for (const path of existing.files) {
    if (!wanted.has(path)) await rm(join(dir, ...path.split('/')));
  }
  for (const path of existing.dirs) {
    const left = await readdir(join(dir, ...path.split('/')));
    if (left.length === 0) await rmdir(join(dir, ...path.split('/')));
  }
  for (const path of paths) {
    const target = join(dir, ...path.split('/'));
    const text = packageFileText(pkg.files[path]);
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current === text) continue;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text, 'utf8');
  }
}
