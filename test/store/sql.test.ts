import { expect } from 'chai';
import { render, sql } from '../../engine/src/store/sql.js';

describe('sql: the one SQL builder', () => {
  it('turns every interpolated value into a numbered parameter', () => {
    const name = "'; drop table records; --";
    const { text, params } = render(sql`SELECT * FROM records WHERE object = ${'lead'} AND data->>'name' = ${name}`);
    expect(text).to.equal("SELECT * FROM records WHERE object = $1 AND data->>'name' = $2");
    expect(params).to.deep.equal(['lead', name]);
  });

  it('splices fragments into fragments and keeps numbering in order of appearance', () => {
    const inner = sql`a = ${1} AND b = ${2}`;
    const { text, params } = render(sql`SELECT ${'x'} WHERE ${inner} OR c = ${3}`);
    expect(text).to.equal('SELECT $1 WHERE a = $2 AND b = $3 OR c = $4');
    expect(params).to.deep.equal(['x', 1, 2, 3]);
  });

  it('joins fragments with a separator', () => {
    const parts = [sql`a = ${1}`, sql`b = ${2}`, sql`c IS NULL`];
    expect(render(sql.join(parts, ' AND '))).to.deep.equal({ text: 'a = $1 AND b = $2 AND c IS NULL', params: [1, 2] });
    expect(render(sql.join([], ' AND '))).to.deep.equal({ text: '', params: [] });
  });

  it('quotes safe identifiers and refuses anything else', () => {
    expect(render(sql`SELECT * FROM ${sql.ident('records')}`).text).to.equal('SELECT * FROM "records"');
    for (const bad of ['Records', 'a-b', 'a"b', '1a', '', 'a b', 'x;drop', 'é']) {
      expect(() => sql.ident(bad), bad).to.throw(/not a safe SQL identifier/);
    }
  });

  it('writes jsonb keys as literals only when they cannot escape the quotes', () => {
    expect(render(sql`data->${sql.key('lastContactAt')}`).text).to.equal("data->'lastContactAt'");
    for (const bad of ["a'b", 'a\\b', 'a b', '', '$x'])
      expect(() => sql.key(bad), bad).to.throw(/not a safe jsonb key/);
  });

  it('passes null, objects and arrays as parameters, never as text', () => {
    const { text, params } = render(sql`VALUES (${null}, ${{ a: 1 }}, ${[1, 2]})`);
    expect(text).to.equal('VALUES ($1, $2, $3)');
    expect(params).to.deep.equal([null, { a: 1 }, [1, 2]]);
  });
});
