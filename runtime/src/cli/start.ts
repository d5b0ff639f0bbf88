import { LeadforgeError } from '@leadforge/engine';
import { bootRuntime } from '../boot.js';
import { startImportWorker } from '../capture/import/importService.js';
import { startCaptureProcessor } from '../capture/pendingProcessor.js';
import { jobHandlersForContext } from '../jobs/jobHandlers.js';
import { runtimeDelivery } from '../jobs/runtimeDelivery.js';
import { createJobRunner } from '../jobs/startJobs.js';
import { startScoringWorker } from '../scoring/scoringRuns.js';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../seed/demoPeople.js';
import { startHttpServer } from '../server/startHttpServer.js';
import { formPageLookup, formPages } from '../web/formPages.js';
import { webApp } from '../web/webApp.js';
import { commonFlags, parseFlags } from './args.js';
import type { Output } from './output.js';
import { seedWithProgress } from './seed.js';

/** Leads the first start of the sample seeds (issue 7: dashboards that mean something on first start); LEADFORGE_DEMO_LEADS changes it. */
function firstStartDemoLeads(): number {
  const n = Number(process.env['LEADFORGE_DEMO_LEADS'] ?? 3_000);
  return Number.isSafeInteger(n) && n > 0 && n <= 1_000_000 ? n : 3_000;
}

/**
 * Demo data on the first start only: this start installed the b2b-saas sample into an empty
 * embedded database, and neither --no-demo-data nor LEADFORGE_DEMO_DATA=0 (or off/false) says no.
 */
function wantsDemoData(installed: string | null, kind: 'pglite' | 'postgres', optedOut: boolean): boolean {
  const env = (process.env['LEADFORGE_DEMO_DATA'] ?? '').toLowerCase();
  return installed === 'b2b-saas' && kind === 'pglite' && !optedOut && !['0', 'off', 'false', 'no'].includes(env);
}

export async function startCommand(args: readonly string[], out: Output): Promise<number> {
  const { values } = parseFlags(args, {
    data: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    template: { type: 'string' },
    'no-demo-data': { type: 'boolean' },
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
  const demo = wantsDemoData(booted.installedTemplate, ctx.db.kind, values['no-demo-data'] === true);
  if (demo) {
    const leads = firstStartDemoLeads();
    out.log(
      `  seeding demo data (${leads} leads) for the sample dashboards; --no-demo-data or LEADFORGE_DEMO_DATA=0 skips it`,
    );
    try {
      const done = await seedWithProgress(ctx, { leads, seed: 1, now: ctx.clock.now() }, out);
      out.log(`  seeded ${done.leadsDone} demo leads in ${done.seconds.toFixed(1)} s`);
    } catch (error) {
      // The server is still useful without its demo; say why and go on.
      out.error(`  demo data not seeded: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
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
  // Listen for the stop signals before saying we run: a signal sent on reading the sign-in line finds them.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  out.log(`Leadforge is running at ${url}`);
  out.log(`  database: ${ctx.db.kind === 'pglite' ? `embedded PGlite in ${flags.data}` : 'PostgreSQL (DATABASE_URL)'}`);
  if (booted.installedTemplate) out.log(`  installed the "${booted.installedTemplate}" template as version 1`);
  if (booted.firstAdmin) {
    out.log(`  sign in at ${url} as ${booted.firstAdmin.email} with password ${booted.firstAdmin.password}`);
    out.log('  (this password is shown only now; change it after signing in)');
  } else {
    out.log(`  sign in at ${url} with your account`);
  }
  if (demo)
    out.log(`  demo users (docs/demo-data.md) sign in with password ${DEMO_PASSWORD}, e.g. li.na@${DEMO_EMAIL_DOMAIN}`);
  await stopped;
  await jobs.stop();
  await captureProcessor.stop();
  await stopImports();
  stopScoring();
  await ctx.db.close();
  out.log('Leadforge stopped');
  return 0;
}
