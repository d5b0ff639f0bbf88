import { expect } from 'chai';
import { compileFilter } from '../../engine/src/filter/compileFilter.js';
import { compileSort } from '../../engine/src/filter/compileSort.js';
import type { SortKey } from '../../engine/src/filter/types.js';
import { listRecords, type RecordRow, type SqlFragment } from '../../engine/src/store/index.js';
import { aTenant, describeEachDriver } from '../support/databases.js';
import { leadObject } from '../support/objects.js';
import { aLead } from '../support/recordFixtures.js';

const TOTAL = 237;
const INDUSTRIES = ['saas', 'manufacturing', 'retail'];

/** Deterministic rows with ties everywhere and gaps: every 7th lead has no employees, every 5th no industry. */
function leadData(i: number): Record<string, unknown> {
  return {
    name: `lead ${String((i * 37) % TOTAL).padStart(3, '0')}${i % 11 === 0 ? ' é' : ''}`,
    ...(i % 7 === 0 ? {} : { employees: (i * 13) % 40 }),
    ...(i % 5 === 0 ? {} : { industry: INDUSTRIES[i % 3] }),
    score: (i % 4) * 2.5,
  };
}

function sortKeys(sort: unknown): SortKey[] {
  const result = compileSort(sort, leadObject);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

describeEachDriver('store: keyset pagination', (ctx) => {
  let tenantId: string;

  before(async () => {
    tenantId = aTenant('pages');
    await ctx.db().transaction(async (tx) => {
      for (let i = 0; i < TOTAL; i++) {
        // 10 distinct creation times: long runs of ties on the default sort
        await aLead(tx, tenantId, leadData(i), { now: new Date(Date.UTC(2024, 0, 1 + (i % 10))) });
      }
    });
  });

  async function walk(sort: unknown, filter?: SqlFragment, limit = 50): Promise<{ pages: RecordRow[][] }> {
    const keys = sort === undefined ? undefined : sortKeys(sort);
    const pages: RecordRow[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listRecords(ctx.db(), {
        tenantId,
        object: 'lead',
        scope: { kind: 'all' },
        ...(keys ? { sort: keys } : {}),
        ...(filter ? { filter } : {}),
        limit,
        ...(cursor ? { cursor } : {}),
      });
      pages.push(page.records);
      cursor = page.nextCursor ?? undefined;
      expect(pages.length, 'pages').to.be.at.most(Math.ceil(TOTAL / limit) + 1);
    } while (cursor);
    return { pages };
  }

  async function oneQuery(sort: unknown, filter?: SqlFragment): Promise<string[]> {
    const page = await listRecords(ctx.db(), {
      tenantId,
      object: 'lead',
      scope: { kind: 'all' },
      ...(sort === undefined ? {} : { sort: sortKeys(sort) }),
      ...(filter ? { filter } : {}),
      limit: 500,
    });
    return page.records.map((r) => r.id);
  }

  for (const sort of [
    undefined,
    'createdAt',
    'employees',
    '-employees',
    '-employees,name',
    'industry,-score',
    'name',
    'version',
    '-updatedAt,score',
  ]) {
    it(`walks ${TOTAL} rows in pages of 50 with no duplicates and no gaps, sorted by ${sort ?? 'the default'}`, async () => {
      const { pages } = await walk(sort);
      expect(pages.map((p) => p.length)).to.deep.equal([50, 50, 50, 50, 37]);
      const ids = pages.flat().map((r) => r.id);
      expect(new Set(ids).size).to.equal(TOTAL);
      expect(ids).to.deep.equal(await oneQuery(sort));
    });
  }

  it('puts empty fields first ascending and last descending', async () => {
    const asc = (await walk('employees')).pages.flat().map((r) => r.data['employees'] ?? null);
    const empties = Math.ceil(TOTAL / 7);
    expect(asc.slice(0, empties).every((v) => v === null)).to.equal(true);
    const numbers = asc.slice(empties) as number[];
    expect(numbers).to.deep.equal([...numbers].sort((a, b) => a - b));
    const desc = (await walk('-employees')).pages.flat().map((r) => r.data['employees'] ?? null);
    expect(desc.slice(-empties).every((v) => v === null)).to.equal(true);
  });

  it('orders numbers numerically and ties by id', async () => {
    const rows = (await walk('-employees,score', undefined, 7)).pages.flat();
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      const [ea, eb] = [
        (a.data['employees'] as number | undefined) ?? -1,
        (b.data['employees'] as number | undefined) ?? -1,
      ];
      expect(ea >= eb, `row ${i}`).to.equal(true);
      if (ea === eb) {
        expect((a.data['score'] as number) <= (b.data['score'] as number), `row ${i}`).to.equal(true);
        if (a.data['score'] === b.data['score']) expect(a.id < b.id, `row ${i} tie-break`).to.equal(true);
      }
    }
  });

  it('pages through a filtered set with odd page sizes', async () => {
    const compiled = compileFilter({ industry: { $in: ['saas', 'retail'] } }, leadObject);
    if (!compiled.ok) throw new Error('filter');
    const { pages } = await walk('name', compiled.value, 13);
    const ids = pages.flat().map((r) => r.id);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids).to.deep.equal(await oneQuery('name', compiled.value));
    expect(pages.slice(0, -1).every((p) => p.length === 13)).to.equal(true);
  });

  it('answers no cursor on the last page, also when it is exactly full', async () => {
    const page = await listRecords(ctx.db(), { tenantId, object: 'lead', scope: { kind: 'all' }, limit: 500 });
    expect(page.records).to.have.length(TOTAL);
    expect(page.nextCursor).to.equal(null);
    const { pages } = await walk('name', undefined, TOTAL);
    expect(pages.map((p) => p.length)).to.deep.equal([TOTAL]);
  });

  it('defaults to 50 records a page', async () => {
    const page = await listRecords(ctx.db(), { tenantId, object: 'lead', scope: { kind: 'all' } });
    expect(page.records).to.have.length(50);
    expect(page.nextCursor).to.be.a('string');
  });

  it('refuses a cursor from another sort as MALFORMED at /cursor', async () => {
    const first = await listRecords(ctx.db(), {
      tenantId,
      object: 'lead',
      scope: { kind: 'all' },
      sort: sortKeys('name'),
    });
    let error: { code?: string; details?: { path: string; message: string }[] } | undefined;
    await listRecords(ctx.db(), {
      tenantId,
      object: 'lead',
      scope: { kind: 'all' },
      sort: sortKeys('-name'),
      cursor: first.nextCursor!,
    }).catch((e) => {
      error = e;
    });
    expect(error?.code).to.equal('MALFORMED');
    expect(error?.details).to.deep.equal([
      { path: '/cursor', message: 'the cursor belongs to a different sort; start again without a cursor' },
    ]);
  });
});
