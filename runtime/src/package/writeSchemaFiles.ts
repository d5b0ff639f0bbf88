import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { publishedSchemaFiles } from '@leadforge/engine';

/** Where the engine publishes its definition schemas, for editors (`$schema`) and template authors. */
export const SCHEMA_DIR = resolve(fileURLToPath(new URL('../../../engine/schemas', import.meta.url)));

/**
 * Writes engine/schemas/<kind>.schema.json from the engine's schema constants, removes stale
 * `*.schema.json` files, then formats them with the repository's formatter so `biome format`
 * stays clean. Run: `node --import tsx runtime/src/package/writeSchemaFiles.ts`.
 */
export async function writeSchemaFiles(dir: string = SCHEMA_DIR): Promise<string[]> {
  const files = publishedSchemaFiles();
  await mkdir(dir, { recursive: true });
  for (const name of await readdir(dir)) {
    if (name.endsWith('.schema.json') && !Object.hasOwn(files, name)) await rm(join(dir, name));
  }
  const written = Object.keys(files)
    .sort()
    .map((name) => join(dir, name));
  for (const name of Object.keys(files)) await writeFile(join(dir, name), files[name]!, 'utf8');
  const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  execFileSync(process.execPath, [biome, 'format', '--write', ...written], { stdio: 'ignore' });
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const written = await writeSchemaFiles();
  console.log(`wrote ${written.length} schema files to ${SCHEMA_DIR}`);
}
