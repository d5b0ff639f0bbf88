import { DEFINITION_SCHEMAS } from './schemas/index.js';

/**
 * The files published under engine/schemas/: `<kind>.schema.json` → text. The committed files are
 * written from this (runtime/src/package/writeSchemaFiles.ts) and a test keeps them equal.
 */
export function publishedSchemaFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [kind, schema] of Object.entries(DEFINITION_SCHEMAS)) {
    files[`${kind}.schema.json`] = `${JSON.stringify(schema, null, 2)}\n`;
  }
  return files;
}
