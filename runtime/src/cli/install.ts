import { LeadforgeError } from '@leadforge/engine';
import { bootRuntime, DEFAULT_TENANT, installFolder } from '../boot.js';
import { commonFlags, parseFlags } from './args.js';
import type { Output } from './output.js';

/** `leadforge install DIR`: validates the folder and publishes it as the next version. */
export async function installCommand(args: readonly string[], out: Output): Promise<number> {
  const { values, positionals } = parseFlags(args, { data: { type: 'string' }, note: { type: 'string' } });
  const folder = positionals[0];
  if (!folder) throw new LeadforgeError('MALFORMED', 'usage: leadforge install DIR [--data DIR] [--note TEXT]');
  const flags = commonFlags(values);
  // On an empty database, booting with the folder as template installs it as version 1.
  const booted = await bootRuntime({ dataDir: flags.data, databaseUrl: flags.databaseUrl, template: folder });
  const { ctx } = booted;
  try {
    const published = booted.installedTemplate
      ? await ctx.apps.current(DEFAULT_TENANT)
      : await installFolder(ctx, DEFAULT_TENANT, folder, values.note ?? `installed from ${folder}`);
    out.log(`installed ${folder} as version ${published!.version} (${published!.app.id} ${published!.app.version})`);
    if (booted.firstAdmin) {
      out.log(`created admin ${booted.firstAdmin.email} with password ${booted.firstAdmin.password} (shown only now)`);
    }
    return 0;
  } finally {
    await ctx.db.close();
  }
}
