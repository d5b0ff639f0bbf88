import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Booted, bootRuntime } from '../../runtime/src/boot.js';
import { configFromEnv, type RuntimeConfig } from '../../runtime/src/config.js';

/** The runtime booted on a bench database as `leadforge start` boots it; `close` closes it and removes its folder. */
export async function bootBenchRuntime(
  databaseUrl: string,
  label: string,
  config: Partial<RuntimeConfig> = {},
): Promise<Booted & { close(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `lf-bench-${label}-`));
  const booted = await bootRuntime({
    dataDir,
    databaseUrl,
    config: configFromEnv(config),
    adminEmail: 'bench@example.com',
    adminPassword: 'bench password 123',
  });
  return {
    ...booted,
    async close() {
      await booted.ctx.db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
