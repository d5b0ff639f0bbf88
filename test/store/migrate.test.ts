import { expect } from 'chai';
import { migrate, migrations } from '../../engine/src/store/index.js';
import { openPostgres } from '../../runtime/src/store/drivers/openPostgres.js';
import { describeEachDriver } from '../support/databases.js';

const TENANT_TABLES = [
  'tenants',
  'records',
  'record_history',
  'teams',
  'users',
  'api_tokens',
  'app_drafts',
  'app_versions',
  'app_current',
];

describeEachDriver('store: migrations', (ctx) => {
  it('records each applied migration once in schema_migrations', async () => {
    const { rows } = await ctx
      .db()
      .query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows).to.deep.equal(migrations.map((m) => ({ version: m.version, name: m.name })));
  });

  it('is idempotent: running again applies nothing and changes nothing', async () => {
    const again = await migrate(ctx.db());
    expect(again).to.deep.equal({ applied: [], version: migrations.at(-1)!.version });
    const { rows } = await ctx.db().query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]!.n).to.equal(migrations.length);
  });

  it('leads every tenant table’s primary key with tenant_id', async () => {
    const { rows } = await ctx.db().query<{ table: string; first: string }>(
      `SELECT c.relname AS table, a.attname AS first
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
       WHERE i.indisprimary AND c.relname = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb)))`,
      [JSON.stringify(TENANT_TABLES)],
    );
    expect(rows.map((r) => r.table).sort()).to.deep.equal([...TENANT_TABLES].sort());
    for (const row of rows) expect(row.first, row.table).to.equal('tenant_id');
  });

  it('keeps app packages in json, not jsonb, so key order survives', async () => {
    const { rows } = await ctx
      .db()
      .query<{ table_name: string; data_type: string }>(
        `SELECT table_name, data_type FROM information_schema.columns WHERE column_name = 'package' ORDER BY table_name`,
      );
    expect(rows).to.deep.equal([
      { table_name: 'app_drafts', data_type: 'json' },
      { table_name: 'app_versions', data_type: 'json' },
    ]);
    await ctx
      .db()
      .query(`INSERT INTO app_drafts (tenant_id, package, updated_at) VALUES ('order', $1, now())`, ['{"z":1,"a":2}']);
    const back = await ctx
      .db()
      .query<{ text: string }>(`SELECT package::text AS text FROM app_drafts WHERE tenant_id = 'order'`);
    expect(back.rows[0]!.text).to.equal('{"z":1,"a":2}');
  });

  it('refuses users whose emails differ only in case within a tenant', async () => {
    const insert = (id: string, email: string) =>
      ctx
        .db()
        .query(`INSERT INTO users (tenant_id, id, email, name, role) VALUES ('emails', $1, $2, 'x', 'rep')`, [
          id,
          email,
        ]);
    await insert('00000000-0000-4000-8000-000000000001', 'Ada@Example.com');
    let error: unknown;
    await insert('00000000-0000-4000-8000-000000000002', 'ada@example.com').catch((e) => {
      error = e;
    });
    expect(String(error)).to.match(/duplicate key/);
  });

  it('applies a later migration in its own transaction and rolls a failing one back', async () => {
    const { driver } = await ctx.openFresh();
    const extra = [
      ...migrations,
      { version: 1001, name: 'good', sql: 'CREATE TABLE extra_good (a int)' },
      { version: 1002, name: 'bad', sql: 'CREATE TABLE extra_bad (a int); SELECT no_such_function();' },
    ];
    let error: unknown;
    await migrate(driver, extra).catch((e) => {
      error = e;
    });
    expect(String(error)).to.match(/no_such_function/);
    const { rows } = await driver.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).to.deep.equal([...migrations.map((m) => m.version), 1001]);
    const tables = await driver.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class WHERE relname IN ('extra_good', 'extra_bad')`,
    );
    expect(tables.rows[0]!.n).to.equal(1);
  });

  it('refuses to run against a schema newer than this Leadforge knows', async () => {
    const { driver } = await ctx.openFresh();
    await driver.query(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', now())`);
    let error: unknown;
    await migrate(driver).catch((e) => {
      error = e;
    });
    expect(String(error)).to.match(/newer than this Leadforge knows/);
  });

  // PGlite is one process per folder (the lock file guards it), so this race exists only on PostgreSQL.
  if (ctx.kind === 'postgres')
    it('lets processes that start at once migrate one database exactly once', async () => {
      const fresh = await ctx.openFresh();
      await fresh.driver.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      const drivers = await Promise.all(Array.from({ length: 4 }, () => openPostgres(fresh.url!)));
      try {
        const results = await Promise.all(drivers.map((d) => migrate(d)));
        // processes may share the work; each migration is applied exactly once, in whichever process got it
        expect(results.flatMap((r) => r.applied).sort((a, b) => a - b)).to.deep.equal(migrations.map((m) => m.version));
      } finally {
        await Promise.all(drivers.map((d) => d.close()));
      }
    });
});
