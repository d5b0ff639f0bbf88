import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppPackage, PackageProblem } from '@leadforge/engine';
import { jsonErrorPosition } from './jsonErrorPosition.js';

export interface ReadPackageResult {
  readonly pkg: AppPackage;
  /** Files that are not valid JSON (pointer ''); they are left out of `pkg`. */
  readonly problems: PackageProblem[];
}

/**
 * `Unexpected token '}', …` at offset 42 → `is not valid JSON at line 3, column 12: Unexpected token '}'`.
 */
export function describeJsonError(text: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const reason = raw
    .replace(/^(Unexpected token '[\s\S]'), [\s\S]*is not valid JSON$/, '$1')
    .replace(/,? in JSON at position \d+.*$/s, '');
  const position = jsonErrorPosition(text);
  if (position < 0) return `is not valid JSON: ${reason}`;
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `is not valid JSON at line ${line}, column ${column}: ${reason}`;
}

async function listJsonFiles(root: string, relative: string): Promise<string[]> {
  const entries = await readdir(join(root, relative), { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await listJsonFiles(root, path)));
    else if (entry.isFile() && entry.name.endsWith('.json')) found.push(path);
  }
  return found;
}

/**
 * Reads an app package folder: every `*.json` file below `dir` (dotfiles and dot-folders
 * skipped, other files such as a README ignored), keyed by its POSIX path relative to `dir`,
 * in path order. A file that does not parse becomes a problem naming its line and column.
 */
export async function readPackageFolder(dir: string): Promise<ReadPackageResult> {
  const paths = (await listJsonFiles(dir, '')).sort();
  const files: Record<string, unknown> = {};
  const problems: PackageProblem[] = [];
  for (const path of paths) {
    const text = (await readFile(join(dir, ...path.split('/')), 'utf8')).replace(/^\uFEFF/, '');
    try {
      files[path] = JSON.parse(text);
    } catch (error) {
      problems.push({ file: path, pointer: '', message: describeJsonError(text, error) });
    }
  }
  return { pkg: { files }, problems };
}
