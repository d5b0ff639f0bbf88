import { LeadforgeError } from '@leadforge/engine';
import { getVersionPackage } from '../apps/publish.js';
import { bootRuntime, DEFAULT_TENANT } from '../boot.js';
import { writePackageFolder } from '../package/writePackageFolder.js';
import { commonFlags, parseFlags } from './args.js';
import type { Output } from './output.js';

/** `leadforge export DIR [--version N]`: writes a published version back to a folder, byte-stable. */
export async function exportCommand(args: readonly string[], out: Output): Promise<number> {
  const { values, positionals } = parseFlags(args, { data: { type: 'string' }, version: { type: 'string' } });
  const folder = positionals[0];
  if (!folder) throw new LeadforgeError('MALFORMED', 'usage: leadforge export DIR [--version N] [--data DIR]');
  if (values.version !== undefined && !/^\d{1,9}$/.test(values.version)) {
    throw new LeadforgeError('MALFORMED', `--version must be a version number, got "${values.version}"`);
  }
  const flags = commonFlags(values);
  const { ctx } = await bootRuntime({ dataDir: flags.data, databaseUrl: flags.databaseUrl });
  try {
    const current = await ctx.apps.current(DEFAULT_TENANT);
    const version = values.version === undefined ? current!.version : Number(values.version);
    const pkg = await getVersionPackage(ctx, DEFAULT_TENANT, version);
    await writePackageFolder(folder, pkg);
    out.log(`exported version ${version} to ${folder} (${Object.keys(pkg.files).length} files)`);
    return 0;
  } finally {
    await ctx.db.close();
  }
}
