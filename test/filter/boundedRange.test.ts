import { PGlite } from '@electric-sql/pglite';
import { expect } from 'chai';
import { compileFilter } from '../../engine/src/filter/compileFilter.js';
import { render } from '../../engine/src/store/sql.js';
import { leadObject } from '../support/objects.js';

/** Ids of the rows a filter keeps, over a table whose `data` holds every jsonb type in the fields used. */
async function kept(db: PGlite, filter: unknown): Promise<string[]> {
  const compiled = compileFilter(filter, leadObject);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  const { text, params } = render(compiled.value);
  const rows = await db.query<{ id: string }>(`SELECT id FROM t WHERE ${text} ORDER BY id`, params as unknown[]);
  return rows.rows.map((r) => r.id);
}

describe('filter: a range bounded on both sides', () => {
  let db: PGlite;
  before(async () => {
    db = new PGlite();
    await db.exec(`CREATE TABLE t (id text, data jsonb);
      INSERT INTO t VALUES
        ('in-date', '{"founded": "2025-06-01", "score": 50}'),
        ('low-date', '{"founded": "2024-06-01", "score": 5}'),
        ('number', '{"founded": 20250601, "score": "50"}'),
        ('boolean', '{"founded": true, "score": true}'),
        ('object', '{"founded": {"a": 1}, "score": {"a": 1}}'),
        ('array', '{"founded": ["2025-06-01"], "score": [50]}'),
        ('null', '{"founded": null, "score": null}'),
        ('missing', '{}')`);
  });
  after(async () => db.close());

  it('keeps only values of the field type between the bounds, as the one-sided guarded comparisons do', async () => {
    const dates = { founded: { $gte: '2025-01-01', $lt: '2026-01-01' } };
    const numbers = { score: { $gt: 10, $lte: 100 } };
    expect(await kept(db, dates)).to.deep.equal(['in-date']);
    expect(await kept(db, numbers)).to.deep.equal(['in-date']);
    expect(
      await kept(db, { $and: [{ founded: { $gte: '2025-01-01' } }, { founded: { $lt: '2026-01-01' } }] }),
    ).to.deep.equal(['in-date']);
  });

  it('compiles the pair without a type guard, so the planner can estimate it, and still refuses a bad bound', () => {
    const compiled = compileFilter({ founded: { $gte: '2025-01-01', $lt: '2026-01-01' } }, leadObject);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    expect(render(compiled.value).text).not.to.include('jsonb_typeof');
    const bad = compileFilter({ founded: { $gte: 'soon', $lt: '2026-01-01' } }, leadObject);
    expect(bad.ok).to.equal(false);
    if (!bad.ok) expect(bad.problems[0]!.path).to.equal('/founded/$gte');
  });
});
