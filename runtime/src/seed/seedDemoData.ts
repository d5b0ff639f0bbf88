import { LeadforgeError, type SqlDriver } from '@leadforge/engine';
import type { PublishedApp } from '../apps/appRegistry.js';
import { scoringOf } from '../scoring/scoringModels.js';
import { DEMO_EMAIL_DOMAIN } from './demoPeople.js';
import { generateDemoBatches } from './generateDemoData.js';
import type { DemoDataOptions } from './types.js';
import { type DemoWriteProgress, writeDemoData } from './writeDemoData.js';

export interface SeedDemoOptions extends DemoDataOptions {
  /** Leads generated and written per step (memory stays flat for a million); 5,000 unless told. */
  readonly batchLeads?: number;
  readonly onProgress?: (progress: DemoWriteProgress) => void;
}

/** The objects demo data writes; a package without them cannot hold it. */
const NEEDED_OBJECTS = ['lead', 'opportunity', 'channel_cost', 'goal'];

/**
 * Generates and writes demo data into a tenant, batch by batch. Refuses (CONFLICT) a tenant that
 * already has leads or demo users — demo data goes into an empty tenant, never among real data —
 * and (INVALID) an app without the sample's objects. Analyses the tables at the end so reports
 * are planned on the new statistics.
 */
export async function seedDemoData(
  db: SqlDriver,
  tenantId: string,
  published: PublishedApp | null,
  options: SeedDemoOptions,
): Promise<DemoWriteProgress & { readonly seconds: number }> {
  const missing = NEEDED_OBJECTS.filter((o) => !published || !Object.hasOwn(published.app.objects, o));
  if (missing.length > 0)
    throw new LeadforgeError(
      'INVALID',
      `demo data needs the b2b-saas sample's objects; the app lacks ${missing.join(', ')}`,
    );
  const taken = await db.query<{ what: string }>(
    `SELECT 'leads' AS what FROM records WHERE tenant_id = $1 AND object = 'lead' LIMIT 1`,
    [tenantId],
  );
  const demoUsers = await db.query('SELECT 1 FROM users WHERE tenant_id = $1 AND lower(email) LIKE $2 LIMIT 1', [
    tenantId,
    `%@${DEMO_EMAIL_DOMAIN}`,
  ]);
  if (taken.rows.length > 0 || demoUsers.rows.length > 0)
    throw new LeadforgeError(
      'CONFLICT',
      'this tenant already has leads or demo users; demo data goes into an empty one (a new --data folder or database)',
    );
  const app = published as PublishedApp;
  const modelHashes = Object.fromEntries(scoringOf(app.app).models.map((m) => [m.id, m.hash]));
  const scoring = { appVersion: app.version, modelHashes };
  const started = performance.now();
  let done: DemoWriteProgress = { leadsDone: 0, leadsTotal: options.leads, rows: 0 };
  for (const batch of generateDemoBatches(options, options.batchLeads ?? 5_000)) {
    const before = done;
    const written = await writeDemoData(db, tenantId, batch, {
      scoring,
      onProgress: (p) =>
        options.onProgress?.({
          leadsDone: before.leadsDone + p.leadsDone,
          leadsTotal: options.leads,
          rows: before.rows + p.rows,
        }),
    });
    done = {
      leadsDone: before.leadsDone + written.leadsDone,
      leadsTotal: options.leads,
      rows: before.rows + written.rows,
    };
  }
  await db.exec('ANALYZE records; ANALYZE stage_history; ANALYZE activities; ANALYZE events; ANALYZE record_scores');
  return { ...done, seconds: (performance.now() - started) / 1000 };
}
