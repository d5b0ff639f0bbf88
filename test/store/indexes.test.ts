import { expect } from 'chai';
import { compileFilter } from '../../engine/src/filter/compileFilter.js';
import { ensureIndexes, expressionIndexName, recordListWhere, render, sql } from '../../engine/src/store/index.js';
import { aTenant, describeEachDriver } from '../support/databases.js';
import { leadObject } from '../support/objects.js';
import { aLead } from '../support/recordFixtures.js';

describeEachDriver('store: expression indexes for indexed fields', (ctx) => {
  const specs = [
    { object: 'lead', field: 'email' },
    { object: 'lead', field: 'lastContactAt' },
  ];

  it('creates records_<object>_<field>_idx on (tenant_id, data->field) for that object only, idempotently', async () => {
    expect(await ensureIndexes(ctx.db(), specs)).to.deep.equal([
      'records_lead_email_idx',
      'records_lead_lastcontactat_idx',
    ]);
    await ensureIndexes(ctx.db(), specs);
    const { rows } = await ctx
      .db()
      .query<{ indexname: string; indexdef: string }>(
        `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'records' AND indexname LIKE 'records_lead_%' ORDER BY indexname`,
      );
    expect(rows.map((r) => r.indexname)).to.deep.equal(['records_lead_email_idx', 'records_lead_lastcontactat_idx']);
    expect(rows[0]!.indexdef).to.match(/\(tenant_id, \(\(data -> 'email'::text\)\)\) WHERE \(object = 'lead'::text\)/);
  });

  it('refuses names that are not identifier-safe instead of building SQL from them', async () => {
    for (const spec of [
      { object: "lead' OR '1'='1", field: 'email' },
      { object: 'lead', field: "email')); DROP TABLE records; --" },
      { object: 'Lead', field: 'email' },
    ]) {
      let error: unknown;
      await ensureIndexes(ctx.db(), [spec]).catch((e) => {
        error = e;
      });
      expect(String(error), JSON.stringify(spec)).to.match(/not a safe/);
    }
  });

  it('keeps index names within PostgreSQL’s 63 characters without collisions', () => {
    const long = (suffix: string) => ({
      object: 'lead',
      field: `a_very_long_field_name_that_goes_on_and_on_${suffix}`,
    });
    const [a, b] = [expressionIndexName(long('one')), expressionIndexName(long('two'))];
    expect(a.length).to.be.at.most(63);
    expect(a).not.to.equal(b);
  });

  it('lets an equality filter on the field use the index', async () => {
    const tenantId = aTenant();
    await ensureIndexes(ctx.db(), specs);
    await ctx.db().transaction(async (tx) => {
      for (let i = 0; i < 300; i++) await aLead(tx, tenantId, { email: `lead${i}@example.com`, name: `lead ${i}` });
    });
    await ctx.db().query('ANALYZE records');
    const compiled = compileFilter({ email: 'lead7@example.com' }, leadObject);
    if (!compiled.ok) throw new Error('filter');
    const where = recordListWhere({ tenantId, object: 'lead', scope: { kind: 'all' }, filter: compiled.value });
    const plan = await ctx.db().transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const { text, params } = render(sql`EXPLAIN SELECT id FROM records WHERE ${where}`);
      const { rows } = await tx.query<{ 'QUERY PLAN': string }>(text, params);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).to.contain('records_lead_email_idx');
  });
});
