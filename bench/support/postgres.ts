import pg from 'pg';

const SERVER = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database on the local PostgreSQL server for one bench run, dropped afterwards. */
export async function freshDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lf_bench_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: SERVER });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight; returns elapsed milliseconds. */
export async function timed(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        await task(i);
      }
    }),
  );
  return performance.now() - started;
}

/** A named database kept between bench runs (created when missing); `drop` leaves it in place. */
export async function keptDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name))
    throw new Error(`database name ${JSON.stringify(name)}: use a-z, 0-9 and _`);
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: async () => {} };
}
