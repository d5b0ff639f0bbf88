import { expect } from 'chai';
import { ensureTenant } from '../../engine/src/store/ensureTenant.js';
import { verifyPassword } from '../../runtime/src/access/passwords.js';
import { DEMO_PASSWORD } from '../../runtime/src/seed/demoPeople.js';
import { generateDemoData } from '../../runtime/src/seed/generateDemoData.js';
import { writeDemoData } from '../../runtime/src/seed/writeDemoData.js';
import { aTenant, describeEachDriver } from '../support/databases.js';

const now = new Date('2026-11-20T08:00:00.000Z');

describeEachDriver('seed: demo data writer', ({ db }) => {
  const data = generateDemoData({ leads: 300, seed: 11, now });

  async function seeded() {
    const tenant = aTenant('seed');
    await ensureTenant(db(), tenant, 'Seed');
    const progress: number[] = [];
    const result = await writeDemoData(db(), tenant, data, {
      batchLeads: 120,
      onProgress: (p) => progress.push(p.leadsDone),
    });
    return { tenant, progress, result };
  }

  const count = async (sql: string, tenant: string) =>
    Number((await db().query<{ n: string }>(sql, [tenant])).rows[0]!.n);

  it('stores as many rows in every table as the generator made, one create history row per record', async () => {
    const { tenant } = await seeded();
    const byObject = async (object: string) =>
      count(`SELECT count(*) AS n FROM records WHERE tenant_id = $1 AND object = '${object}'`, tenant);
    expect(await byObject('lead')).to.equal(data.leads.length);
    expect(await byObject('opportunity')).to.equal(data.opportunities.length);
    expect(await byObject('channel_cost')).to.equal(data.channelCosts.length);
    expect(await byObject('goal')).to.equal(data.goals.length);
    const records = data.leads.length + data.opportunities.length + data.channelCosts.length + data.goals.length;
    expect(
      await count(`SELECT count(*) AS n FROM record_history WHERE tenant_id = $1 AND action = 'create'`, tenant),
    ).to.equal(records);
    expect(await count('SELECT count(*) AS n FROM stage_history WHERE tenant_id = $1', tenant)).to.equal(
      data.stageHistory.length,
    );
    expect(await count('SELECT count(*) AS n FROM activities WHERE tenant_id = $1', tenant)).to.equal(
      data.activities.length,
    );
    expect(await count('SELECT count(*) AS n FROM events WHERE tenant_id = $1', tenant)).to.equal(data.events.length);
    expect(await count('SELECT count(*) AS n FROM record_scores WHERE tenant_id = $1', tenant)).to.equal(
      data.scores.length,
    );
    expect(await count('SELECT count(*) AS n FROM users WHERE tenant_id = $1', tenant)).to.equal(data.users.length);
    expect(await count('SELECT count(*) AS n FROM teams WHERE tenant_id = $1', tenant)).to.equal(data.teams.length);
  });

  it('keeps the numbers a report reads: won amount, MQLs and lost reasons', async () => {
    const { tenant } = await seeded();
    const won = data.opportunities
      .filter((o) => o.data['stage'] === 'won')
      .reduce((s, o) => s + (o.data['amount'] as number), 0);
    expect(
      await count(
        `SELECT coalesce(sum((data->>'amount')::numeric), 0) AS n FROM records
          WHERE tenant_id = $1 AND object = 'opportunity' AND data->>'stage' = 'won'`,
        tenant,
      ),
    ).to.equal(won);
    const mqls = data.scores.filter((s) => s.mql).length;
    expect(
      await count(
        'SELECT count(*) AS n FROM record_scores WHERE tenant_id = $1 AND mql AND mql_at IS NOT NULL',
        tenant,
      ),
    ).to.equal(mqls);
    const lost = data.stageHistory.filter((s) => s.stage === 'lost').length;
    expect(
      await count(
        `SELECT count(*) AS n FROM stage_history WHERE tenant_id = $1 AND stage = 'lost' AND reason IS NOT NULL`,
        tenant,
      ),
    ).to.equal(lost);
  });

  it('queues no automation and no SLA work for the seeded past', async () => {
    const { tenant } = await seeded();
    expect(await count('SELECT count(*) AS n FROM automation_inbox WHERE tenant_id = $1', tenant)).to.equal(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM jobs WHERE tenant_id = $1 AND kind IN ('automation.dispatch', 'sla.start')`,
        tenant,
      ),
    ).to.equal(0);
  });

  it('still queues automation work for an ordinary write after seeding', async () => {
    const { tenant } = await seeded();
    await db().query(
      `INSERT INTO events (tenant_id, id, record_id, object, type, at, data) VALUES ($1, gen_random_uuid(), $2, 'lead', 'page.viewed', now(), '{}')`,
      [tenant, data.leads[0]!.id],
    );
    expect(await count('SELECT count(*) AS n FROM automation_inbox WHERE tenant_id = $1', tenant)).to.equal(1);
  });

  it('writes in slices of leads, reporting progress after each', async () => {
    const { progress, result } = await seeded();
    expect(progress).to.deep.equal([120, 240, 300]);
    expect(result.leadsDone).to.equal(300);
  });

  it('lets every demo user sign in with the documented password', async () => {
    const { tenant } = await seeded();
    const { rows } = await db().query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE tenant_id = $1',
      [tenant],
    );
    expect(rows).to.have.length(data.users.length);
    expect(await verifyPassword(DEMO_PASSWORD, rows[0]!.password_hash)).to.equal(true);
  });
});
