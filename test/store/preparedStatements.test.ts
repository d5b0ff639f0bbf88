import { expect } from 'chai';
import { describeEachDriver } from '../support/databases.js';

describeEachDriver('store: statements prepared once per connection', ({ kind, db }) => {
  it('answers a prepared statement with each call’s own values, many times over and side by side', async () => {
    const text = 'SELECT $1::int * 2 AS doubled, $2::text AS label';
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        db().query<{ doubled: number; label: string }>(text, [i, `n${i}`], { prepared: true }),
      ),
    );
    expect(answers.map((a) => a.rows[0])).to.deep.equal(
      Array.from({ length: 60 }, (_, i) => ({ doubled: i * 2, label: `n${i}` })),
    );
  });

  it('keeps two prepared texts apart, inside a transaction too', async () => {
    const sum = await db().query<{ v: number }>('SELECT $1::int + $2::int AS v', [2, 3], { prepared: true });
    const product = await db().query<{ v: number }>('SELECT $1::int * $2::int AS v', [2, 3], { prepared: true });
    const inTx = await db().transaction(async (tx) => {
      const a = await tx.query<{ v: number }>('SELECT $1::int + $2::int AS v', [4, 5], { prepared: true });
      const b = await tx.query<{ v: number }>('SELECT $1::int * $2::int AS v', [4, 5], { prepared: true });
      return [a.rows[0]!.v, b.rows[0]!.v];
    });
    expect([sum.rows[0]!.v, product.rows[0]!.v, ...inTx]).to.deep.equal([5, 6, 9, 20]);
  });

  it(`plans a prepared statement again when the table under it is altered or made anew (${kind})`, async () => {
    await db().query('CREATE TABLE prepared_probe (id int PRIMARY KEY, note text)');
    await db().query(`INSERT INTO prepared_probe VALUES (1, 'first')`);
    // as many side by side as the pool has connections, so each of them holds the statement prepared
    const read = async () =>
      (
        await Promise.all(
          Array.from({ length: 12 }, () =>
            db().query<{ id: number; note: string }>('SELECT id, note FROM prepared_probe WHERE id = $1', [1], {
              prepared: true,
            }),
          ),
        )
      ).map((answer) => answer.rows);
    const everywhere = (note: string) => Array.from({ length: 12 }, () => [{ id: 1, note }]);
    expect(await read()).to.deep.equal(everywhere('first'));
    await db().query('ALTER TABLE prepared_probe ADD COLUMN extra int');
    await db().query('CREATE INDEX prepared_probe_note_idx ON prepared_probe (note)');
    expect(await read()).to.deep.equal(everywhere('first'));
    await db().query('DROP TABLE prepared_probe');
    await db().query('CREATE TABLE prepared_probe (note text, id int PRIMARY KEY)');
    await db().query(`INSERT INTO prepared_probe VALUES ('again', 1)`);
    expect(await read()).to.deep.equal(everywhere('again'));
    await db().query('DROP TABLE prepared_probe');
  });
});
