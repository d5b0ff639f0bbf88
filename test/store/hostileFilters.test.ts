import { expect } from 'chai';
import { compileFilter } from '../../engine/src/filter/compileFilter.js';
import { countRecords, listRecords } from '../../engine/src/store/index.js';
import { aTenant, describeEachDriver } from '../support/databases.js';
import { leadObject } from '../support/objects.js';
import { aLead } from '../support/recordFixtures.js';

const INJECTIONS = [
  "'; drop table records; --",
  "' OR '1'='1",
  '") OR TRUE --',
  '$1',
  "\\'; select pg_sleep(10); --",
  '%',
  '_',
  '\\',
  '\\%',
  '%%_\\_',
  "'",
  '"',
  '{}',
  '[]',
  'null',
  '::jsonb',
  'Ünïcödé ✓ 🚀 李雷 עברית',
  '\u202e\u200b',
  ' ',
  '',
];

/** Values refused as Problems before any SQL runs. */
const REFUSED: [string, unknown][] = [
  ['NUL in $eq', { name: 'a\u0000' }],
  ['NUL in $contains', { notes: { $contains: '\u0000' } }],
  ['NUL in $in', { email: { $in: ['ok', 'x\u0000y'] } }],
  ['an unpaired surrogate', { name: '\udc00' }],
  ['text of 10,001 characters', { name: 'x'.repeat(10_001) }],
  ['a list of 1,001 values', { employees: { $in: Array.from({ length: 1001 }, (_, i) => i) } }],
  ['Infinity', { score: Number.POSITIVE_INFINITY }],
  ['year 0', { createdAt: { $gt: '0000-01-01T00:00:00Z' } }],
  ['30 February', { createdAt: { $gt: '2023-02-30T00:00:00Z' } }],
  ['hour 24', { lastContactAt: '2024-01-01T24:00:00Z' }],
  ['a version past int4', { version: 2_147_483_648 }],
  ['an injection as a field name', { "name' OR 1=1 --": 'x' }],
  ['an injection as an operator', { name: { "$eq' OR 1=1": 'x' } }],
  ['an injection as an id', { id: "00000000-0000-0000-0000-000000000000' OR '1'='1" }],
  ['a prototype key', JSON.parse('{"__proto__": {"polluted": true}}')],
  ['deep nesting', JSON.parse(`${'{"$not":'.repeat(40)}{}${'}'.repeat(40)}`)],
  ['many conditions', { $or: Array.from({ length: 201 }, () => ({ name: 'x' })) }],
  ['an object as a value', { name: { toString: 'x' } }],
];

describeEachDriver('store: hostile filters never become SQL errors', (ctx) => {
  let tenantId: string;
  before(async () => {
    tenantId = aTenant('hostile');
    await aLead(ctx.db(), tenantId, { name: "Dora O'Brien", notes: '100% \\ sure_thing', employees: 5 });
    for (const text of INJECTIONS.slice(0, 5)) await aLead(ctx.db(), tenantId, { name: text, notes: text });
  });

  async function run(filter: unknown) {
    const compiled = compileFilter(filter, leadObject);
    if (!compiled.ok) return { problems: compiled.problems };
    const q = { tenantId, object: 'lead', scope: { kind: 'all' as const }, filter: compiled.value };
    const page = await listRecords(ctx.db(), q);
    await countRecords(ctx.db(), q);
    return { names: page.records.map((r) => r.data['name']) };
  }

  for (const text of INJECTIONS) {
    it(`runs text ${JSON.stringify(text)} as a plain value in every text operator`, async () => {
      for (const filter of [
        { name: text },
        { name: { $ne: text } },
        { notes: { $contains: text } },
        { email: { $in: [text, text] } },
        { name: { $nin: [text] } },
      ]) {
        const result = await run(filter);
        expect(result, JSON.stringify(filter)).to.have.property('names');
      }
    });
  }

  it('finds a stored injection string only by exact value', async () => {
    expect(await run({ name: "'; drop table records; --" })).to.deep.equal({ names: ["'; drop table records; --"] });
    const { rows } = await ctx
      .db()
      .query<{ n: number }>('SELECT count(*)::int AS n FROM records WHERE tenant_id = $1', [tenantId]);
    expect(rows[0]!.n).to.equal(6);
  });

  it('matches %, _ and \\ literally in $contains', async () => {
    expect(await run({ notes: { $contains: '0% \\ sure_' } })).to.deep.equal({ names: ["Dora O'Brien"] });
    expect(await run({ notes: { $contains: '0%_' } })).to.deep.equal({ names: [] });
  });

  it('accepts extreme but valid numbers', async () => {
    for (const n of [Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -0, 2 ** 53]) {
      expect(await run({ score: { $gt: n } }), String(n)).to.have.property('names');
    }
    expect(await run({ employees: { $in: Array.from({ length: 1000 }, (_, i) => i) } })).to.deep.equal({
      names: ["Dora O'Brien"],
    });
  });

  it('accepts the far ends of the calendar', async () => {
    for (const t of ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999+14:00', '2024-02-29T12:00:00-12:00']) {
      expect(await run({ createdAt: { $gt: t } }), t).to.have.property('names');
      expect(await run({ updatedAt: { $in: [t] } }), t).to.have.property('names');
    }
  });

  for (const [what, filter] of REFUSED) {
    it(`refuses ${what} as a Problem`, async () => {
      const result = await run(filter);
      expect(result).to.have.property('problems');
      expect((result as { problems: unknown[] }).problems).to.have.length.greaterThan(0);
    });
  }

  it('refuses a tampered cursor as MALFORMED at /cursor', async () => {
    const forged = (v: unknown[]) => Buffer.from(JSON.stringify({ s: '-createdAt,-id', v })).toString('base64url');
    const id = '6f1c3f0e-1f52-4a3e-9a7e-0b2d6f9c1a11';
    for (const cursor of [
      '%%%',
      forged(['0000-01-01T00:00:00+00:00', id]),
      forged(['2023-02-30T00:00:00+00', id]),
      forged(['2024-01-01T00:00:00+00', "x' OR 1=1"]),
    ]) {
      let error: { code?: string; details?: { path: string }[] } | undefined;
      await listRecords(ctx.db(), { tenantId, object: 'lead', scope: { kind: 'all' }, cursor }).catch((e) => {
        error = e;
      });
      expect(error?.code, cursor).to.equal('MALFORMED');
      expect(error?.details?.[0]?.path).to.equal('/cursor');
    }
  });

  it('refuses a limit outside 1..500 as MALFORMED at /limit', async () => {
    for (const limit of [0, 501, 1.5, -1]) {
      let error: { code?: string; details?: { path: string }[] } | undefined;
      await listRecords(ctx.db(), { tenantId, object: 'lead', scope: { kind: 'all' }, limit }).catch((e) => {
        error = e;
      });
      expect(error?.details?.[0]?.path, String(limit)).to.equal('/limit');
    }
  });
});
