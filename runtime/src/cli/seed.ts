import { LeadforgeError } from '@leadforge/engine';
import { bootRuntime, DEFAULT_TENANT } from '../boot.js';
import type { RuntimeContext } from '../context.js';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../seed/demoPeople.js';
import { MAX_DEMO_LEADS } from '../seed/generateDemoData.js';
import { seedDemoData } from '../seed/seedDemoData.js';
import type { DemoWriteProgress } from '../seed/writeDemoData.js';
import { commonFlags, parseFlags } from './args.js';
import type { Output } from './output.js';

const USAGE = 'usage: leadforge seed --leads N [--seed S] [--now ISO-TIME] [--data DIR]';

function wholeNumberOrThrow(flag: string, text: string, max: number): number {
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n > max)
    throw new LeadforgeError('MALFORMED', `${flag} must be a whole number from 0 to ${max}, got "${text}"\n${USAGE}`);
  return n;
}

export function demoProgressLine(p: DemoWriteProgress, startedMs: number): string {
  const seconds = (performance.now() - startedMs) / 1000;
  return `seed: ${p.leadsDone}/${p.leadsTotal} leads, ${p.rows} rows, ${Math.round(p.rows / Math.max(seconds, 0.001))} rows/s`;
}

/** Seeds a tenant's app with demo data and says how it went (start's first run and `leadforge seed`). */
export async function seedWithProgress(
  ctx: Pick<RuntimeContext, 'db' | 'apps'>,
  options: { leads: number; seed: number; now: Date },
  out: Output,
) {
  const published = await ctx.apps.current(DEFAULT_TENANT);
  const started = performance.now();
  let shownAt = 0;
  return seedDemoData(ctx.db, DEFAULT_TENANT, published, {
    ...options,
    onProgress: (p) => {
      const t = performance.now();
      if (p.leadsDone === p.leadsTotal || t - shownAt >= 1000) {
        shownAt = t;
        out.error(demoProgressLine(p, started));
      }
    },
  });
}

/**
 * `leadforge seed --leads N`: writes N leads of generated demo history (samples/b2b-saas: teams,
 * reps, a year of leads, opportunities, activities, events, scores, channel costs, goals) into the
 * data folder (or DATABASE_URL), with a progress line on stderr. The same --seed and --now give
 * the same data; --now defaults to the current time. Refuses a tenant that already has leads.
 */
export async function seedCommand(args: readonly string[], out: Output): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    leads: { type: 'string' },
    seed: { type: 'string' },
    now: { type: 'string' },
    data: { type: 'string' },
  });
  if (positionals.length > 0)
    throw new LeadforgeError('MALFORMED', `unexpected argument "${positionals[0]}"\n${USAGE}`);
  if (values.leads === undefined) throw new LeadforgeError('MALFORMED', `--leads is required\n${USAGE}`);
  const leads = wholeNumberOrThrow('--leads', values.leads, MAX_DEMO_LEADS);
  const seed = values.seed === undefined ? 1 : wholeNumberOrThrow('--seed', values.seed, 0xffffffff);
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (values.now !== undefined && (Number.isNaN(now.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(values.now)))
    throw new LeadforgeError(
      'MALFORMED',
      `--now must be an ISO time such as 2026-11-20T08:00:00Z, got "${values.now}"\n${USAGE}`,
    );
  const flags = commonFlags(values);
  const booted = await bootRuntime({ dataDir: flags.data, databaseUrl: flags.databaseUrl });
  const { ctx } = booted;
  try {
    if (booted.firstAdmin)
      out.log(`  created the first admin ${booted.firstAdmin.email} with password ${booted.firstAdmin.password}`);
    const done = await seedWithProgress(ctx, { leads, seed, now }, out);
    out.log(
      `seeded ${done.leadsDone} leads (${done.rows} rows) in ${done.seconds.toFixed(1)} s, ${Math.round(done.rows / Math.max(done.seconds, 0.001))} rows/s`,
    );
    out.log(
      `  demo users sign in with password ${DEMO_PASSWORD}: admin@${DEMO_EMAIL_DOMAIN}, wang.qiang@${DEMO_EMAIL_DOMAIN} (manager), li.na@${DEMO_EMAIL_DOMAIN} (rep) — docs/demo-data.md`,
    );
    return 0;
  } finally {
    await ctx.db.close();
  }
}
