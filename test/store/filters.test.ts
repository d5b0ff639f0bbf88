import { expect } from 'chai';
import { compileFilter } from '../../engine/src/filter/compileFilter.js';
import { countRecords, listRecords, type RecordRow } from '../../engine/src/store/index.js';
import { aTenant, describeEachDriver } from '../support/databases.js';
import { leadObject } from '../support/objects.js';
import { aLead, aUserId } from '../support/recordFixtures.js';

const MANAGER = '11111111-1111-4111-8111-111111111111';
const COMPANY = '22222222-2222-4222-8222-222222222222';
const OWNER = '33333333-3333-4333-8333-333333333333';

/** Five leads covering every field type, with gaps (absent fields) on purpose. */
const LEADS: Record<string, Record<string, unknown>> = {
  ada: {
    name: 'Ada Lovelace',
    notes: 'Met at the 50% off_booth \\ hall',
    email: 'ada@example.com',
    phone: '+4930111',
    website: 'https://ada.example',
    employees: 12,
    score: 7.5,
    revenue: 1000.5,
    qualified: true,
    founded: '2019-03-01',
    lastContactAt: '2024-05-01T09:30:00.000Z',
    industry: 'saas',
    tags: ['vip', 'event'],
    accountManager: MANAGER,
    company: COMPANY,
  },
  bob: {
    name: 'Bob Müller',
    notes: 'Prefers e-mail',
    email: 'bob@example.org',
    employees: 800,
    score: -2,
    revenue: 0,
    qualified: false,
    founded: '2001-12-31',
    lastContactAt: '2024-01-15T12:00:00.000Z',
    industry: 'manufacturing',
    tags: ['partner'],
  },
  chen: {
    name: '陈 Chen',
    email: 'chen@example.cn',
    employees: 500,
    score: 7.5,
    qualified: true,
    founded: '2019-03-02',
    industry: 'retail',
    tags: [],
  },
  dora: { name: "Dora O'Brien", employees: 50, tags: ['vip'] },
  empty: {},
};

describeEachDriver('store: filters on real rows', (ctx) => {
  let tenantId: string;
  const byId = new Map<string, string>();
  const rows: Record<string, RecordRow> = {};

  before(async () => {
    tenantId = aTenant('filters');
    for (const [key, data] of Object.entries(LEADS)) {
      const row = await aLead(ctx.db(), tenantId, data, key === 'ada' ? { ownerId: OWNER, actorId: OWNER } : {});
      byId.set(row.id, key);
      rows[key] = row;
    }
    await aLead(ctx.db(), aTenant(), LEADS['ada']!); // an identical lead in another tenant must never match
  });

  async function matching(filter: unknown): Promise<string[]> {
    const compiled = compileFilter(filter, leadObject);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const page = await listRecords(ctx.db(), {
      tenantId,
      object: 'lead',
      scope: { kind: 'all' },
      filter: compiled.value,
      limit: 500,
    });
    const count = await countRecords(ctx.db(), {
      tenantId,
      object: 'lead',
      scope: { kind: 'all' },
      filter: compiled.value,
    });
    expect(count, 'count agrees with the list').to.equal(page.records.length);
    return page.records.map((r) => byId.get(r.id)!).sort();
  }

  const cases: [string, unknown, string[]][] = [
    ['text $eq (shorthand)', { name: 'Bob Müller' }, ['bob']],
    ['text $eq is exact and case-sensitive', { name: 'bob müller' }, []],
    ['text $ne matches empty fields too', { notes: { $ne: 'Prefers e-mail' } }, ['ada', 'chen', 'dora', 'empty']],
    ['text $in', { name: { $in: ['Ada Lovelace', '陈 Chen', 'nobody'] } }, ['ada', 'chen']],
    [
      'text $nin matches empty fields too',
      { email: { $nin: ['ada@example.com', 'bob@example.org'] } },
      ['chen', 'dora', 'empty'],
    ],
    ['empty $in matches nothing', { name: { $in: [] } }, []],
    ['empty $nin matches everything', { name: { $nin: [] } }, ['ada', 'bob', 'chen', 'dora', 'empty']],
    ['text $contains ignores case', { name: { $contains: 'LOVE' } }, ['ada']],
    ['text $contains with unicode', { name: { $contains: 'müller' } }, ['bob']],
    ['text $contains with CJK', { name: { $contains: '陈' } }, ['chen']],
    ['$contains treats % literally', { notes: { $contains: '50%' } }, ['ada']],
    ['$contains treats _ literally', { notes: { $contains: 'off_booth' } }, ['ada']],
    ['$contains: _ is not a wildcard', { notes: { $contains: 'e_mail' } }, []],
    ['$contains treats \\ literally', { notes: { $contains: '\\ hall' } }, ['ada']],
    ['$contains with a quote', { name: { $contains: "o'b" } }, ['dora']],
    ['longtext $exists', { notes: { $exists: true } }, ['ada', 'bob']],
    ['email $contains', { email: { $contains: '@EXAMPLE.c' } }, ['ada', 'chen']],
    ['phone $eq', { phone: '+4930111' }, ['ada']],
    ['url $contains', { website: { $contains: 'ADA.' } }, ['ada']],
    ['integer $eq', { employees: 500 }, ['chen']],
    ['integer $gt', { employees: { $gt: 50 } }, ['bob', 'chen']],
    ['integer $gte', { employees: { $gte: 50 } }, ['bob', 'chen', 'dora']],
    ['integer $lt', { employees: { $lt: 50 } }, ['ada']],
    ['integer $lte and $gte together', { employees: { $gte: 12, $lte: 500 } }, ['ada', 'chen', 'dora']],
    ['integer $in', { employees: { $in: [12, 800] } }, ['ada', 'bob']],
    ['number compares numerically, not as text', { score: { $gt: -3, $lt: 7.5 } }, ['bob']],
    ['number $eq with a decimal', { score: 7.5 }, ['ada', 'chen']],
    ['currency $gte', { revenue: { $gte: 0 } }, ['ada', 'bob']],
    ['currency $eq 0 is not "empty"', { revenue: 0 }, ['bob']],
    ['boolean true', { qualified: true }, ['ada', 'chen']],
    ['boolean false is not "empty"', { qualified: false }, ['bob']],
    ['boolean $ne true matches false and empty', { qualified: { $ne: true } }, ['bob', 'dora', 'empty']],
    ['date $eq', { founded: '2019-03-01' }, ['ada']],
    ['date $gt', { founded: { $gt: '2019-03-01' } }, ['chen']],
    ['date $lte', { founded: { $lte: '2019-03-01' } }, ['ada', 'bob']],
    ['datetime $gte with an offset', { lastContactAt: { $gte: '2024-05-01T11:30:00+02:00' } }, ['ada']],
    ['datetime $lt', { lastContactAt: { $lt: '2024-05-01T09:30:00Z' } }, ['bob']],
    ['datetime $eq normalises the value', { lastContactAt: '2024-01-15T13:00:00+01:00' }, ['bob']],
    ['select $eq', { industry: 'retail' }, ['chen']],
    ['select $in', { industry: { $in: ['saas', 'retail'] } }, ['ada', 'chen']],
    ['select $nin', { industry: { $nin: ['saas'] } }, ['bob', 'chen', 'dora', 'empty']],
    ['multiselect $contains one option', { tags: { $contains: 'vip' } }, ['ada', 'dora']],
    ['multiselect $contains all of several', { tags: { $contains: ['vip', 'event'] } }, ['ada']],
    ['multiselect $in has any of', { tags: { $in: ['partner', 'event'] } }, ['ada', 'bob']],
    ['multiselect $nin has none of', { tags: { $nin: ['vip'] } }, ['bob', 'chen', 'empty']],
    ['multiselect $eq is set equality', { tags: ['event', 'vip'] }, ['ada']],
    ['multiselect $eq [] matches the empty list', { tags: [] }, ['chen']],
    ['multiselect $exists', { tags: { $exists: false } }, ['empty']],
    ['user $eq', { accountManager: MANAGER }, ['ada']],
    ['reference $exists', { company: { $exists: true } }, ['ada']],
    ['$eq null means empty', { industry: null }, ['dora', 'empty']],
    ['$ne null means filled', { industry: { $ne: null } }, ['ada', 'bob', 'chen']],
    ['$exists false', { email: { $exists: false } }, ['dora', 'empty']],
    ['system owner', { owner: OWNER }, ['ada']],
    ['system owner empty', { owner: null }, ['bob', 'chen', 'dora', 'empty']],
    ['system createdBy $exists', { createdBy: { $exists: true } }, ['ada']],
    ['system version', { version: 1 }, ['ada', 'bob', 'chen', 'dora', 'empty']],
    ['system version $gt', { version: { $gt: 1 } }, []],
    [
      'system createdAt $lte far future',
      { createdAt: { $lte: '2999-01-01T00:00:00Z' } },
      ['ada', 'bob', 'chen', 'dora', 'empty'],
    ],
    ['system updatedAt $gt far future', { updatedAt: { $gt: '2999-01-01T00:00:00Z' } }, []],
    ['$and', { $and: [{ qualified: true }, { employees: { $gt: 100 } }] }, ['chen']],
    ['$or', { $or: [{ industry: 'saas' }, { employees: { $gte: 800 } }] }, ['ada', 'bob']],
    ['$not keeps rows whose field is empty', { $not: { industry: 'saas' } }, ['bob', 'chen', 'dora', 'empty']],
    ['$not of $exists', { $not: { notes: { $exists: true } } }, ['chen', 'dora', 'empty']],
    ['$not of $not', { $not: { $not: { qualified: true } } }, ['ada', 'chen']],
    [
      'nested $or inside $and',
      {
        $and: [{ tags: { $contains: 'vip' } }, { $or: [{ employees: { $lt: 20 } }, { name: { $contains: 'dora' } }] }],
      },
      ['ada', 'dora'],
    ],
    ['empty filter', {}, ['ada', 'bob', 'chen', 'dora', 'empty']],
  ];

  for (const [description, filter, expected] of cases) {
    it(`${description}: ${JSON.stringify(filter)}`, async () => {
      expect(await matching(filter)).to.deep.equal(expected);
    });
  }

  it('filters by id', async () => {
    expect(await matching({ id: rows['bob']!.id })).to.deep.equal(['bob']);
    expect(await matching({ id: { $in: [rows['bob']!.id, rows['dora']!.id, aUserId()] } })).to.deep.equal([
      'bob',
      'dora',
    ]);
    expect(await matching({ id: { $nin: [rows['bob']!.id] } })).to.deep.equal(['ada', 'chen', 'dora', 'empty']);
  });

  it('filters by exact creation time', async () => {
    expect(await matching({ createdAt: rows['chen']!.createdAt, name: '陈 Chen' })).to.deep.equal(['chen']);
    expect(await matching({ createdAt: { $in: [rows['chen']!.createdAt] }, name: '陈 Chen' })).to.deep.equal(['chen']);
  });

  it('never compares a number field holding stray text (data of an older app version) as a number', async () => {
    const own = aTenant();
    const stray = await aLead(ctx.db(), own, { employees: '9999' });
    const big = await aLead(ctx.db(), own, { employees: 800 });
    const small = await aLead(ctx.db(), own, { employees: 12 });
    const ids = async (filter: unknown) => {
      const compiled = compileFilter(filter, leadObject);
      if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
      const page = await listRecords(ctx.db(), {
        tenantId: own,
        object: 'lead',
        scope: { kind: 'all' },
        filter: compiled.value,
      });
      return page.records.map((r) => r.id);
    };
    expect(await ids({ employees: { $gt: 700 } })).to.deep.equal([big.id]);
    expect(await ids({ employees: { $lt: 20 } })).to.deep.equal([small.id]);
    expect(await ids({ employees: { $nin: [800, 12] } })).to.deep.equal([stray.id]);
  });
});
