// Public form submissions per second over HTTP on loopback into PostgreSQL (render token check,
// validation, normalisation, rate-limit counters, dedupe lookup under a key lock, record + history
// + attribution + event), as a ratio to a bare express handler doing one parameterised INSERT of
// the same payloads in the same run. Goal ≥ 0.4. Last line: `capture ratio=<n>`.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pg from 'pg';
import { signRenderToken } from '../runtime/src/capture/renderToken.js';
import { startHttpServer } from '../runtime/src/server/startHttpServer.js';
import { post, submission } from './support/formSubmission.js';
import { bootBenchRuntime } from './support/benchRuntime.js';
import { freshDatabase, timed } from './support/postgres.js';

const COUNT = Number(process.env['BENCH_CAPTURE'] ?? 3000);
const CONCURRENCY = 16;
const ROUNDS = 3;
const FORM = 'whitepaper-download';

/** The baseline: express + JSON body + one parameterised INSERT of the same payload. */
async function startBare(dbUrl: string) {
  const pool = new pg.Pool({ connectionString: dbUrl, max: 10 });
  // the bench database is dropped with FORCE at the end: an idle client's lost connection is no failure
  pool.on('error', () => {});
  await pool.query(
    'CREATE TABLE IF NOT EXISTS raw_submissions (tenant_id text, id uuid, form text, data jsonb, created_at timestamptz, PRIMARY KEY (tenant_id, id))',
  );
  const app = express();
  app.use(express.json({ limit: 64 * 1024 }));
  app.post('/submit', async (req, res) => {
    const id = randomUUID();
    await pool.query('INSERT INTO raw_submissions VALUES ($1, $2, $3, $4, now())', ['default', id, FORM, req.body]);
    res.status(201).json({ status: 'accepted', submissionId: id });
  });
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/submit`,
    async close() {
      server.closeAllConnections();
      server.close();
      await pool.end();
    },
  };
}

export async function run(): Promise<void> {
  const db = await freshDatabase('capture');
  const booted = await bootBenchRuntime(db.url, 'capture', {
    capturePerIpPerMinute: 10_000_000,
    captureTenantPerMinute: 10_000_000,
  });
  const { server, url } = await startHttpServer(booted.ctx, 0, '127.0.0.1', { log: console.error });
  const bare = await startBare(db.url);
  try {
    const published = await booted.ctx.apps.current('default');
    // served a minute ago: an honest fill time, so every submission goes all the way to the database
    const token = await signRenderToken(booted.ctx, 'default', FORM, published!.version, new Date(Date.now() - 60_000));
    const endpoint = `${url}/api/v1/public/forms/${FORM}/submissions?tenant=default`;
    const stack = async (offset: number) =>
      (COUNT / (await timed(COUNT, CONCURRENCY, (i) => post(endpoint, submission(offset + i, token))))) * 1000;
    const baseline = async (offset: number) =>
      (COUNT / (await timed(COUNT, CONCURRENCY, (i) => post(bare.url, submission(offset + i, token))))) * 1000;
    await stack(10_000_000); // warm-up
    await baseline(10_000_000);
    // steady state: autovacuum analyzes a growing table within a minute; a fresh bench database has
    // no statistics yet, and the dedupe lookup's plan depends on them (both tables are analyzed)
    await booted.ctx.db.query('ANALYZE records; ANALYZE record_history; ANALYZE events; ANALYZE raw_submissions');
    const stackRates: number[] = [];
    const bareRates: number[] = [];
    for (let r = 0; r < ROUNDS; r += 1) {
      stackRates.push(await stack(r * COUNT));
      bareRates.push(await baseline(r * COUNT));
    }
    const { rows } = await booted.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM records WHERE object = 'lead'",
    );
    if (Number(rows[0]!.n) < COUNT * (ROUNDS + 1)) throw new Error(`only ${rows[0]!.n} leads were stored`);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const s = median(stackRates);
    const b = median(bareRates);
    console.log(`capture: ${COUNT} submissions × ${ROUNDS} rounds, concurrency ${CONCURRENCY}`);
    console.log(`capture: public form endpoint ${s.toFixed(0)}/s; bare express + INSERT ${b.toFixed(0)}/s`);
    console.log(`capture ratio=${(s / b).toFixed(3)}`);
  } finally {
    await bare.close();
    server.closeAllConnections();
    server.close();
    await booted.close();
    await db.drop();
  }
}
