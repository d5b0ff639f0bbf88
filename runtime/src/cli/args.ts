import { parseArgs } from 'node:util';
import { LeadforgeError } from '@leadforge/engine';

export interface CommonFlags {
  readonly data: string;
  readonly databaseUrl: string | undefined;
}

type Spec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** Parses `--flag value` options strictly: an unknown flag is an error that names it. */
export function parseFlags<S extends Spec>(args: readonly string[], spec: S) {
  try {
    return parseArgs({ args: [...args], options: spec, allowPositionals: true, strict: true });
  } catch (err) {
    throw new LeadforgeError('MALFORMED', (err as Error).message);
  }
}

export function commonFlags(values: Record<string, unknown>): CommonFlags {
  return {
    data: typeof values['data'] === 'string' ? values['data'] : './data',
    databaseUrl: process.env['DATABASE_URL'] || undefined,
  };
}
