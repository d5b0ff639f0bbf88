import { expect } from 'chai';
import { compileSort } from '../../engine/src/filter/compileSort.js';
import { decodeCursor, encodeCursor } from '../../engine/src/filter/cursor.js';
import type { SortKey } from '../../engine/src/filter/types.js';
import { leadObject } from '../support/objects.js';

function sortKeys(sort: string): SortKey[] {
  const result = compileSort(sort, leadObject);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

const ID = '6f1c3f0e-1f52-4a3e-9a7e-0b2d6f9c1a11';
const toBase64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('cursor: opaque keyset position', () => {
  const keys = sortKeys('-employees,createdAt');

  it('round-trips the last row’s sort values', () => {
    const values = [120, '2024-05-01T10:00:00.123456+00:00', ID];
    const cursor = encodeCursor(keys, values);
    expect(cursor).to.match(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, keys)).to.deep.equal({ ok: true, value: values });
  });

  it('round-trips text with unicode and quotes', () => {
    const nameKeys = sortKeys('name');
    const values = ["O'Brien — 李雷 🚀", ID];
    expect(decodeCursor(encodeCursor(nameKeys, values), nameKeys)).to.deep.equal({ ok: true, value: values });
  });

  it('refuses a cursor made for another sort', () => {
    const cursor = encodeCursor(sortKeys('name'), ['a', ID]);
    const result = decodeCursor(cursor, keys);
    expect(result).to.deep.equal({
      ok: false,
      problems: [{ path: '/cursor', message: 'the cursor belongs to a different sort; start again without a cursor' }],
    });
  });

  const tampered: [string, unknown][] = [
    ['not base64url', 'abc$%'],
    ['not JSON', toBase64url('{nope')],
    ['not an object', toBase64url('[1,2]')],
    ['missing values', toBase64url(JSON.stringify({ s: '-employees,createdAt,id' }))],
    ['too few values', toBase64url(JSON.stringify({ s: '-employees,createdAt,id', v: [1, ID] }))],
    ['a bad timestamp', toBase64url(JSON.stringify({ s: '-employees,createdAt,id', v: [1, 'yesterday', ID] }))],
    [
      'a bad id',
      toBase64url(JSON.stringify({ s: '-employees,createdAt,id', v: [1, '2024-05-01T10:00:00Z', "x' OR 1=1"] })),
    ],
    [
      'NUL in a jsonb value',
      toBase64url(JSON.stringify({ s: '-employees,createdAt,id', v: ['\u0000', '2024-05-01T10:00:00Z', ID] })),
    ],
    ['a number', 42],
    ['a huge string', 'A'.repeat(100_000)],
  ];
  for (const [what, cursor] of tampered) {
    it(`refuses a tampered cursor: ${what}`, () => {
      const result = decodeCursor(cursor, keys);
      expect(result.ok).to.equal(false);
      if (!result.ok) expect(result.problems[0]!.path).to.equal('/cursor');
    });
  }
});
