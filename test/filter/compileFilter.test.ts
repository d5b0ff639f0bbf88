import { expect } from 'chai';
import { compileFilter } from '../../engine/src/filter/compileFilter.js';
import { render } from '../../engine/src/store/sql.js';
import { leadObject } from '../support/objects.js';

function compiled(filter: unknown, hidden: string[] = []) {
  const result = compileFilter(filter, leadObject, { hiddenFields: new Set(hidden) });
  if (!result.ok) throw new Error(`expected a filter, got ${JSON.stringify(result.problems)}`);
  return render(result.value);
}

function problems(filter: unknown, hidden: string[] = []) {
  const result = compileFilter(filter, leadObject, { hiddenFields: new Set(hidden) });
  if (result.ok) throw new Error(`expected problems, got ${render(result.value).text}`);
  return result.problems;
}

function problemAt(filter: unknown, hidden: string[] = []) {
  const found = problems(filter, hidden);
  expect(found, JSON.stringify(found)).to.have.length(1);
  return found[0]!;
}

describe('filter: compiling the JSON filter language', () => {
  describe('shapes that compile', () => {
    it('reads an empty filter, and no filter, as TRUE', () => {
      expect(compiled({}).text).to.equal('TRUE');
      expect(compiled(undefined).text).to.equal('TRUE');
    });

    it('compiles { field: value } to a jsonb equality the expression index can serve', () => {
      expect(compiled({ email: 'ada@example.com' })).to.deep.equal({
        text: "data->'email' = $1::jsonb",
        params: ['"ada@example.com"'],
      });
    });

    it('ANDs sibling keys and several operators on one field', () => {
      const { text } = compiled({ industry: 'saas', employees: { $gte: 10, $lt: 500 } });
      expect(text).to.match(/^\(data->'industry' = \$1::jsonb AND \(.*\$2.* AND .*\$3.*\)\)$/);
    });

    it('maps system fields to their typed columns', () => {
      const id = '6f1c3f0e-1f52-4a3e-9a7e-0b2d6f9c1a11';
      expect(compiled({ owner: id }).text).to.equal('"owner_id" = $1::uuid');
      expect(compiled({ createdAt: { $gte: '2024-01-01T00:00:00+02:00' } })).to.deep.equal({
        text: '"created_at" >= $1::timestamptz',
        params: ['2023-12-31T22:00:00.000Z'],
      });
      expect(compiled({ version: { $gt: 2 } })).to.deep.equal({ text: '"version" > $1::int', params: ['2'] });
    });

    it('guards order comparisons on jsonb by type, so a stray string never compares with numbers', () => {
      expect(compiled({ employees: { $gt: 500 } })).to.deep.equal({
        text: "(jsonb_typeof(data->'employees') = $1 AND data->'employees' > $2::jsonb)",
        params: ['number', '500'],
      });
    });

    it('escapes LIKE wildcards in $contains and matches case-insensitively', () => {
      expect(compiled({ name: { $contains: '50%_off\\' } }).params).to.deep.equal(['%50\\%\\_off\\\\%']);
      expect(compiled({ name: { $contains: 'x' } }).text).to.contain('ILIKE');
    });

    it('sends a whole $in list as one parameter', () => {
      const { text, params } = compiled({ industry: { $in: ['saas', 'retail'] } });
      expect(text).to.equal("data->'industry' = ANY (ARRAY(SELECT jsonb_array_elements($1::jsonb)))");
      expect(params).to.deep.equal(['["saas","retail"]']);
    });

    it('keeps hostile text in parameters only', () => {
      const hostile = "'; drop table records; --";
      const { text, params } = compiled({ $or: [{ name: hostile }, { notes: { $contains: hostile } }] });
      expect(text).not.to.contain('drop');
      expect(params).to.include(JSON.stringify(hostile));
    });

    it('compiles $not with IS NOT TRUE so rows with an empty field are not lost', () => {
      expect(compiled({ $not: { industry: 'saas' } }).text).to.equal("(data->'industry' = $1::jsonb) IS NOT TRUE");
    });

    it('accepts the limits exactly: 16 levels and 200 conditions', () => {
      let deep: unknown = { name: 'x' };
      for (let i = 1; i < 16; i++) deep = { $not: deep };
      expect(() => compiled(deep)).not.to.throw();
      expect(() => compiled({ $and: Array.from({ length: 200 }, () => ({ employees: 1 })) })).not.to.throw();
    });
  });

  describe('problems, each with a JSON pointer into the filter', () => {
    const cases: { description: string; filter: unknown; path: string; message: RegExp; hidden?: string[] }[] = [
      { description: 'unknown field', filter: { nope: 1 }, path: '/nope', message: /unknown field "nope"/ },
      {
        description: 'hidden field',
        filter: { salary: { $gt: 1 } },
        path: '/salary',
        message: /hidden/,
        hidden: ['salary'],
      },
      {
        description: 'unknown operator',
        filter: { employees: { $foo: 1 } },
        path: '/employees/$foo',
        message: /unknown operator \$foo/,
      },
      { description: 'operator at the top', filter: { $gt: 1 }, path: '/$gt', message: /must follow a field name/ },
      {
        description: 'unknown $-key at the top',
        filter: { $where: 'x' },
        path: '/$where',
        message: /unknown operator/,
      },
      {
        description: 'wrong value type deep inside $or',
        filter: { $or: [{ name: 'a' }, { employees: { $gt: '500' } }] },
        path: '/$or/1/employees/$gt',
        message: /expected a number/,
      },
      {
        description: 'a decimal for an integer field',
        filter: { employees: 1.5 },
        path: '/employees',
        message: /integer/,
      },
      {
        description: 'a string for a boolean',
        filter: { qualified: 'yes' },
        path: '/qualified',
        message: /true or false/,
      },
      {
        description: 'an impossible date',
        filter: { founded: '2023-02-30' },
        path: '/founded',
        message: /not a calendar date/,
      },
      {
        description: 'a date-time without zone',
        filter: { lastContactAt: { $lt: '2024-01-01T10:00' } },
        path: '/lastContactAt/$lt',
        message: /time zone/,
      },
      {
        description: 'a select value not among the options',
        filter: { industry: 'mining' },
        path: '/industry',
        message: /expected one of "saas"/,
      },
      {
        description: 'a bad $in item',
        filter: { industry: { $in: ['saas', 'retail', 7] } },
        path: '/industry/$in/2',
        message: /expected one of/,
      },
      { description: 'null inside $in', filter: { name: { $in: [null] } }, path: '/name/$in/0', message: /\$exists/ },
      { description: 'a $in that is not a list', filter: { name: { $in: 'a' } }, path: '/name/$in', message: /list/ },
      {
        description: 'a huge $in list',
        filter: { name: { $in: Array.from({ length: 1001 }, (_, i) => `n${i}`) } },
        path: '/name/$in',
        message: /at most 1000/,
      },
      {
        description: '$contains on a number',
        filter: { employees: { $contains: 1 } },
        path: '/employees/$contains',
        message: /text and multiselect/,
      },
      {
        description: 'order comparison on a select',
        filter: { industry: { $gt: 'saas' } },
        path: '/industry/$gt',
        message: /do not apply to a select/,
      },
      {
        description: 'order comparison on an id',
        filter: { owner: { $gt: '6f1c3f0e-1f52-4a3e-9a7e-0b2d6f9c1a11' } },
        path: '/owner/$gt',
        message: /an id/,
      },
      { description: 'a non-UUID owner', filter: { owner: 'bob' }, path: '/owner', message: /UUID/ },
      { description: 'a version out of int range', filter: { version: 2 ** 40 }, path: '/version', message: /integer/ },
      {
        description: '$exists with a string',
        filter: { name: { $exists: 'yes' } },
        path: '/name/$exists',
        message: /true or false/,
      },
      {
        description: 'operators mixed with plain keys',
        filter: { name: { $eq: 'a', first: 'b' } },
        path: '/name/first',
        message: /not an operator/,
      },
      {
        description: 'an object value without operators',
        filter: { name: { first: 'b' } },
        path: '/name',
        message: /operators such as/,
      },
      { description: 'an empty operator object', filter: { name: {} }, path: '/name', message: /operators such as/ },
      { description: 'an empty $or', filter: { $or: [] }, path: '/$or', message: /non-empty list/ },
      { description: 'an empty $and', filter: { $and: [] }, path: '/$and', message: /non-empty list/ },
      {
        description: '$or that is not a list',
        filter: { $or: { name: 'a' } },
        path: '/$or',
        message: /non-empty list/,
      },
      {
        description: '$not with a list',
        filter: { $not: [{ name: 'a' }] },
        path: '/$not',
        message: /one filter object/,
      },
      { description: 'a filter that is a list', filter: [{ name: 'a' }], path: '', message: /JSON object/ },
      { description: 'a filter that is a string', filter: "name = 'a'", path: '', message: /JSON object/ },
      { description: 'a null filter', filter: null, path: '', message: /JSON object/ },
      {
        description: 'a list item that is not an object',
        filter: { $and: [{ name: 'a' }, 3] },
        path: '/$and/1',
        message: /JSON object/,
      },
      {
        description: '__proto__ from JSON.parse',
        filter: JSON.parse('{"__proto__": {"name": "a"}}'),
        path: '/__proto__',
        message: /not allowed/,
      },
      {
        description: 'constructor',
        filter: { constructor: { name: 'a' } },
        path: '/constructor',
        message: /not allowed/,
      },
      { description: 'NUL in text', filter: { name: 'a\u0000b' }, path: '/name', message: /NUL/ },
      {
        description: 'an unpaired surrogate',
        filter: { name: { $contains: '\ud800' } },
        path: '/name/$contains',
        message: /surrogate/,
      },
      { description: 'NaN', filter: { score: Number.NaN }, path: '/score', message: /number/ },
      {
        description: 'a field name with a slash, escaped in the pointer',
        filter: { 'a/b~c': 1 },
        path: '/a~1b~0c',
        message: /unknown field/,
      },
      {
        description: 'a multiselect $contains with an unknown option',
        filter: { tags: { $contains: ['vip', 'gold'] } },
        path: '/tags/$contains',
        message: /expected one of/,
      },
    ];
    for (const c of cases) {
      it(`refuses ${c.description}`, () => {
        const problem = problemAt(c.filter, c.hidden);
        expect(problem.path).to.equal(c.path);
        expect(problem.message).to.match(c.message);
      });
    }

    it('refuses nesting deeper than 16 levels', () => {
      let deep: unknown = { name: 'x' };
      for (let i = 0; i < 16; i++) deep = { $not: deep };
      const problem = problemAt(deep);
      expect(problem.message).to.match(/16 levels/);
      expect(problem.path).to.equal(`${'/$not'.repeat(16)}`);
    });

    it('refuses more than 200 conditions, once', () => {
      const found = problems({ $or: Array.from({ length: 500 }, (_, i) => ({ name: `n${i}` })) });
      expect(found).to.have.length(1);
      expect(found[0]!.message).to.match(/at most 200 conditions/);
      expect(found[0]!.path).to.equal('/$or/200/name');
    });

    it('reports every problem of a filter at once', () => {
      const found = problems({ nope: 1, employees: 'many', $or: [] });
      expect(found.map((p) => p.path)).to.deep.equal(['/nope', '/employees', '/$or']);
    });

    it('prefixes pointers with options.path', () => {
      const result = compileFilter({ nope: 1 }, leadObject, { path: '/filter' });
      expect(result.ok ? [] : result.problems.map((p) => p.path)).to.deep.equal(['/filter/nope']);
    });
  });
});
