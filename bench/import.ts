// A 100k-row CSV import of leads into a fresh PostgreSQL database through the import service, end
// to end from the file (read, whole-file checks, run stored, parse, validate and normalise every
// row, one dedupe lookup and one set-wise insert of records, history, events and first scores per
// batch of 1,000, the cursor moved in the same transaction), as a ratio to `COPY` of the same file
// into a plain table in the same run. Goal ≥ 0.2. Last line: `import ratio=<n>`.
//
// Before it, the same run measures the floor any import that writes records must pay: `COPY` of the
// same file into an unlogged staging table plus one set-wise `INSERT … SELECT` of those rows into
// the empty `records` table with its indexes (no validation, no dedupe, no history, no events, no
// scoring), printed with its own ratio to `COPY`. If even the floor is below the goal, no import
// that stores records can reach it.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { bootRuntime } from '../runtime/src/boot.js';
import {
  checkImportOrThrow,
  createImportRun,
  type ImportSubject,
  runImport,
} from '../runtime/src/capture/import/importService.js';
import { configFromEnv } from '../runtime/src/config.js';
import { freshDatabase } from './support/postgres.js';

const ROWS = Number(process.env['BENCH_IMPORT_ROWS'] ?? 100_000);
const INDUSTRIES = ['saas', 'manufacturing', 'retail', 'finance'];
const HEADER = ['Name', 'Email', 'Phone', 'Company name', 'Job title', 'Industry', 'Employees', 'utm_source'];

function leadsCsv(rows: number): string {
  const lines = [HEADER.join(',')];
  for (let i = 0; i < rows; i++) {
    lines.push(
      [
        `"Lead ${i}, Jr"`,
        `Lead.${i}@Example.com`,
        `139${String(i).padStart(8, '0')}`,
        `Company ${i % 5000}`,
        'CTO',
        INDUSTRIES[i % INDUSTRIES.length],
        String(10 + (i % 990)),
        'trade-show',
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

const SYSTEM: ImportSubject = {
  tenantId: 'default',
  actorId: null,
  ownerId: null,
  teamId: null,
  unwritable: new Set(),
};

export async function run(): Promise<void> {
  const db = await freshDatabase('import');
  const dir = await mkdtemp(path.join(tmpdir(), 'lf-bench-import-'));
  await chmod(dir, 0o755); // the PostgreSQL server reads the file for COPY
  const file = path.join(dir, 'leads.csv');
  await writeFile(file, leadsCsv(ROWS));
  await chmod(file, 0o644);
  const booted = await bootRuntime({
    dataDir: dir,
    databaseUrl: db.url,
    config: configFromEnv({ importMaxRows: ROWS, importMaxBytes: 1024 * 1024 * 1024 }),
    adminEmail: 'bench@example.com',
    adminPassword: 'bench password 123',
  });
  const { ctx } = booted;
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    // the baseline: COPY of the same file into a plain table of text columns
    await client.query(
      'CREATE TABLE raw_import (name text, email text, phone text, company text, title text, industry text, employees text, utm_source text)',
    );
    const copyStarted = performance.now();
    await client.query(`COPY raw_import FROM '${file.replaceAll("'", "''")}' WITH (FORMAT csv, HEADER true)`);
    const copyMs = performance.now() - copyStarted;

    // the floor: COPY into a staging table, then one INSERT … SELECT into records (its indexes, the
    // data shaped as the import stores it); into the empty table, emptied again before the import
    await client.query(
      'CREATE UNLOGGED TABLE import_staging (name text, email text, phone text, company text, title text, industry text, employees text, utm_source text)',
    );
    const floorStarted = performance.now();
    await client.query(`COPY import_staging FROM '${file.replaceAll("'", "''")}' WITH (FORMAT csv, HEADER true)`);
    const stagedMs = performance.now() - floorStarted;
    await client.query(`INSERT INTO records (tenant_id, object, id, data, created_at, updated_at, version)
SELECT 'default', 'lead', gen_random_uuid(), jsonb_build_object('name', name, 'email', lower(email), 'phone', '+86' || phone,
  'company', company, 'title', title, 'industry', industry, 'employees', employees::int, 'utm_source', utm_source,
  'source_channel', 'import'), now(), now(), 1
FROM import_staging`);
    const floorMs = performance.now() - floorStarted;
    await client.query('TRUNCATE records');
    await client.query('DROP TABLE import_staging');

    const started = performance.now();
    let prepareMs = 0;
    const bytes = await readFile(file);
    const checked = await checkImportOrThrow(ctx, SYSTEM, { object: 'lead' }, bytes);
    const created = await createImportRun(ctx, SYSTEM, checked, 'leads.csv');
    prepareMs = performance.now() - started;
    const finished = await runImport(ctx, created);
    const importMs = performance.now() - started;
    if (finished.status !== 'done' || finished.created !== ROWS)
      throw new Error(`import ended ${finished.status} with ${finished.created} created, ${finished.failed} failed`);
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM records WHERE object = 'lead'");
    if (Number(rows[0]!.n) < ROWS) throw new Error(`only ${rows[0]!.n} leads were stored`);

    const copyRate = (ROWS / copyMs) * 1000;
    const importRate = (ROWS / importMs) * 1000;
    console.log(`import: ${ROWS} rows, ${(bytes.length / 1024 / 1024).toFixed(1)} MB`);
    console.log(
      `import: import service ${importRate.toFixed(0)} rows/s (${(importMs / 1000).toFixed(1)} s, of which file checks + run stored ${(prepareMs / 1000).toFixed(1)} s); COPY ${copyRate.toFixed(0)} rows/s (${(copyMs / 1000).toFixed(2)} s)`,
    );
    const floorRate = (ROWS / floorMs) * 1000;
    console.log(
      `import: floor (COPY into a staging table + one INSERT … SELECT into records with its indexes) ${floorRate.toFixed(0)} rows/s (${(floorMs / 1000).toFixed(2)} s, of which COPY ${(stagedMs / 1000).toFixed(2)} s); floor ratio=${(floorRate / copyRate).toFixed(3)}`,
    );
    console.log(`import ratio=${(importRate / copyRate).toFixed(3)}`);
  } finally {
    await client.end();
    await ctx.db.close();
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  }
}
