import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LeadforgeError } from '@leadforge/engine';
import { bootRuntime, DEFAULT_TENANT } from '../boot.js';
import {
  checkImportOrThrow,
  createImportRun,
  dryRunImport,
  type ImportSubject,
  importProgressOf,
  progressLine,
  runImport,
} from '../capture/import/importService.js';
import { commonFlags } from './args.js';
import type { Output } from './output.js';

const USAGE = 'usage: leadforge import FILE --object NAME [--map COLUMN=FIELD ...] [--dry-run] [--data DIR]';

function flagsOrThrow(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: {
        object: { type: 'string' },
        map: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean' },
        data: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new LeadforgeError('MALFORMED', `${(err as Error).message}\n${USAGE}`);
  }
}

function mapOrThrow(entries: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.lastIndexOf('=');
    if (at <= 0)
      throw new LeadforgeError('MALFORMED', `--map takes COLUMN=FIELD (FIELD empty to skip), got "${entry}"`);
    map[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return map;
}

/**
 * `leadforge import FILE --object lead`: imports a CSV file through the capture path into the data
 * folder (or DATABASE_URL) as the system (no user; records get no owner), printing a progress line
 * per batch; `--dry-run` checks every row and writes nothing.
 */
export async function importCommand(args: readonly string[], out: Output): Promise<number> {
  const { values, positionals } = flagsOrThrow(args);
  const file = positionals[0];
  if (!file || positionals.length > 1 || !values.object) throw new LeadforgeError('MALFORMED', USAGE);
  const map = mapOrThrow(values.map ?? []);
  const flags = commonFlags(values);
  const booted = await bootRuntime({ dataDir: flags.data, databaseUrl: flags.databaseUrl });
  const { ctx } = booted;
  try {
    if (booted.firstAdmin)
      out.log(`  created the first admin ${booted.firstAdmin.email} with password ${booted.firstAdmin.password}`);
    const size = (await stat(file)).size;
    if (size > ctx.config.importMaxBytes)
      throw new LeadforgeError(
        'TOO_LARGE',
        `an import file is at most ${ctx.config.importMaxBytes} bytes (LEADFORGE_IMPORT_MAX_BYTES)`,
      );
    const bytes = await readFile(file);
    const subject: ImportSubject = {
      tenantId: DEFAULT_TENANT,
      actorId: null,
      ownerId: null,
      teamId: null,
      unwritable: new Set(),
    };
    const checked = await checkImportOrThrow(ctx, subject, { object: values.object, map }, bytes);
    if (checked.mapping.unmapped.length > 0)
      out.log(`columns not imported (no field): ${checked.mapping.unmapped.join(', ')}`);
    if (values['dry-run']) {
      const report = await dryRunImport(ctx, subject, checked);
      out.log(
        `dry run of ${report.totalRows} rows: ${report.wouldCreate} would create, ${report.wouldMerge} would merge, ${report.invalid} invalid (nothing written)`,
      );
      for (const e of report.errors) out.log(`  row ${e.row}${e.column ? ` (${e.column})` : ''}: ${e.message}`);
      if (report.errorsTruncated) out.log(`  … first ${report.errors.length} errors shown`);
      return 0;
    }
    const run = await createImportRun(ctx, subject, checked, path.basename(file));
    out.log(`import ${run.id}: ${run.totalRows} rows into ${run.object}`);
    let shownAt = 0;
    const finished = await runImport(ctx, run, {
      onProgress: (p) => {
        const now = Date.now();
        if (p.rowsDone === p.totalRows || now - shownAt >= 1000) {
          shownAt = now;
          out.log(progressLine(p));
        }
      },
    });
    const result = importProgressOf(finished);
    for (const e of result.errors) out.log(`  row ${e.row}${e.column ? ` (${e.column})` : ''}: ${e.message}`);
    if (result.errorsTruncated) out.log(`  … first ${result.errors.length} errors shown`);
    out.log(
      `import ${result.status}: ${result.created} created, ${result.merged} merged, ${result.failed} failed of ${result.totalRows} rows`,
    );
    return result.status === 'done' ? 0 : 1;
  } finally {
    await ctx.db.close();
  }
}
