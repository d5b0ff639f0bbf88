import { LeadforgeError } from '@leadforge/engine';
import { bootRuntime } from '../boot.js';
import { startImportWorker } from '../capture/import/importService.js';
import { startCaptureProcessor } from '../capture/pendingProcessor.js';
import { jobHandlersForContext } from '../jobs/jobHandlers.js';
import { runtimeDelivery } from '../jobs/runtimeDelivery.js';
import { createJobRunner } from '../jobs/startJobs.js';
import { startScoringWorker } from '../scoring/scoringRuns.js';
import { startHttpServer } from '../server/startHttpServer.js';
import { formPageLookup, formPages } from '../web/formPages.js';
import { webApp } from '../web/webApp.js';
import { commonFlags, parseFlags } from './args.js';
import type { Output } from './output.js';

export async function startCommand(args: readonly string[], out: Output): Promise<number> {
  const { values } = parseFlags(args, {
    data: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    template: { type: 'string' },
  });
  const flags = commonFlags(values);
  const port = Number(values.port ?? process.env['PORT'] ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new LeadforgeError('MALFORMED', `--port must be a number from 0 to 65535, got "${values.port}"`);
  }
  const host = values.host ?? process.env['HOST'] ?? '127.0.0.1';
  const booted = await bootRuntime({
    dataDir: flags.data,
    databaseUrl: flags.databaseUrl,
    ...(values.template ? { template: values.template } : {}),
  });
  const { ctx } = booted;
  const { server, url } = await startHttpServer(ctx, port, host, {
    forms: formPages(formPageLookup(ctx.apps)),
    web: webApp(),
    log: out.error,
  });
  // issue 3: submissions queued past a tenant's quota or held for their captcha are worked every few seconds
  const captureProcessor = startCaptureProcessor(ctx, { log: out.error });
  const stopScoring = startScoringWorker(ctx, 2_000, out.error);
  // CSV imports left running by a crashed process are taken up again from their cursor once their lease runs out
  const stopImports = startImportWorker(ctx, 5_000, out.error);
  // issue 5: outbox deliveries and every other job kind (docs/delivery.md); the HTTP routes share these services
  const delivery = runtimeDelivery(ctx);
  const jobs = createJobRunner({
    ...delivery,
    handlers: jobHandlersForContext(ctx),
    worker: { onError: (error) => out.error(`job worker: ${error instanceof Error ? error.message : String(error)}`) },
  });
  jobs.start();
  out.log(`Leadforge is running at ${url}`);
  out.log(`  database: ${ctx.db.kind === 'pglite' ? `embedded PGlite in ${flags.data}` : 'PostgreSQL (DATABASE_URL)'}`);
  if (booted.installedTemplate) out.log(`  installed the "${booted.installedTemplate}" template as version 1`);
  if (booted.firstAdmin) {
    out.log(`  sign in at ${url} as ${booted.firstAdmin.email} with password ${booted.firstAdmin.password}`);
    out.log('  (this password is shown only now; change it after signing in)');
  } else {
    out.log(`  sign in at ${url} with your account`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await jobs.stop();
  await captureProcessor.stop();
  await stopImports();
  stopScoring();
  await ctx.db.close();
  out.log('Leadforge stopped');
  return 0;
}
