// Records API create+read throughput over HTTP on loopback into PostgreSQL, as a ratio to raw pg
// INSERT+SELECT of the same rows in the same run. Goal ≥ 0.5. Last line: `records ratio=<n>`.
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { startHttpServer } from '../runtime/src/server/startHttpServer.js';
import { payload } from './support/leadPayload.js';
import { bootBenchRuntime } from './support/benchRuntime.js';
import { freshDatabase, timed } from './support/postgres.js';

const COUNT = Number(process.env['BENCH_RECORDS'] ?? 3000);
const CONCURRENCY = 8;
const ROUNDS = 3;

async function rawPg(url: string, offset: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
  await pool.query(
    'CREATE TABLE IF NOT EXISTS raw_records (tenant_id text, object text, id uuid, data jsonb, created_at timestamptz, PRIMARY KEY (tenant_id, id))',
  );
  const ms = await timed(COUNT, CONCURRENCY, async (i) => {
    const id = randomUUID();
    await pool.query('INSERT INTO raw_records VALUES ($1, $2, $3, $4, now())', [
      'default',
      'lead',
      id,
      payload(offset + i),
    ]);
    await pool.query('SELECT * FROM raw_records WHERE tenant_id = $1 AND id = $2', ['default', id]);
  });
  await pool.end();
  return (COUNT / ms) * 1000;
}

/** Create+read pairs per second through the whole stack, driven from a worker thread. */
function stack(baseUrl: string, token: string, offset: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // Worker threads do not inherit tsx's loader from --import here, so the worker registers it itself.
    const tsxApi = import.meta.resolve('tsx/esm/api');
    const script = new URL('./support/httpLoadWorker.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(script)}); })`;
    const worker = new Worker(boot, {
      eval: true,
      workerData: { url: baseUrl, token, count: COUNT, concurrency: CONCURRENCY, offset },
    });
    worker.once('message', (ms: number) => resolve((COUNT / ms) * 1000));
    worker.once('error', reject);
  });
}

export async function run(): Promise<void> {
  const db = await freshDatabase('records');
  const booted = await bootBenchRuntime(db.url, 'records');
  const { server, url } = await startHttpServer(booted.ctx, 0, '127.0.0.1', { log: console.error });
  try {
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', password: 'bench password 123' }),
    });
    const { token } = (await login.json()) as { token: string };
    await stack(url, token, 10_000_000); // warm-up
    await rawPg(db.url, 10_000_000);
    const stackRates: number[] = [];
    const rawRates: number[] = [];
    for (let r = 0; r < ROUNDS; r += 1) {
      stackRates.push(await stack(url, token, r * COUNT));
      rawRates.push(await rawPg(db.url, r * COUNT));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const s = median(stackRates);
    const b = median(rawRates);
    console.log(`records: ${COUNT} create+read pairs × ${ROUNDS} rounds, concurrency ${CONCURRENCY}`);
    console.log(`records: API over HTTP ${s.toFixed(0)} pairs/s; raw pg INSERT+SELECT ${b.toFixed(0)} pairs/s`);
    console.log(`records ratio=${(s / b).toFixed(3)}`);
  } finally {
    server.closeAllConnections();
    server.close();
    await booted.close();
    await db.drop();
  }
}
