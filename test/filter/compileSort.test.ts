import { expect } from 'chai';
import { compileSort } from '../../engine/src/filter/compileSort.js';
import { render } from '../../engine/src/store/sql.js';
import { leadObject } from '../support/objects.js';

function keys(sort: unknown, hidden: string[] = []) {
  const result = compileSort(sort, leadObject, { hiddenFields: new Set(hidden) });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value.map((k) => `${k.dir === 'desc' ? '-' : ''}${k.field}`);
}

function problems(sort: unknown, hidden: string[] = []) {
  const result = compileSort(sort, leadObject, { hiddenFields: new Set(hidden) });
  if (result.ok) throw new Error(`expected problems for ${JSON.stringify(sort)}`);
  return result.problems;
}

describe('sort: compiling sort keys', () => {
  it('defaults to newest first, tie-broken by id', () => {
    expect(keys(undefined)).to.deep.equal(['-createdAt', '-id']);
  });

  it('reads "-createdAt" and "name,-employees", adding an id tie-break in the last key’s direction', () => {
    expect(keys('-createdAt')).to.deep.equal(['-createdAt', '-id']);
    expect(keys('name,-employees')).to.deep.equal(['name', '-employees', '-id']);
    expect(keys('+name')).to.deep.equal(['name', 'id']);
  });

  it('reads a list of { field, dir }', () => {
    expect(keys([{ field: 'employees', dir: 'desc' }, { field: 'name' }])).to.deep.equal(['-employees', 'name', 'id']);
  });

  it('needs no tie-break when id is a key, and ignores keys after it', () => {
    expect(keys('-id')).to.deep.equal(['-id']);
    expect(keys('industry,id,name')).to.deep.equal(['industry', 'id']);
  });

  it('sorts jsonb fields through COALESCE so empty fields still order', () => {
    const result = compileSort('employees', leadObject);
    expect(result.ok && render(result.value[0]!.expr).text).to.equal("COALESCE(data->'employees', 'null'::jsonb)");
  });

  it('refuses more than three keys', () => {
    expect(problems('name,employees,score,revenue')[0]!.message).to.match(/at most 3/);
  });

  it('refuses unknown, hidden, repeated and unsortable fields with a pointer', () => {
    expect(problems('nope')).to.deep.equal([{ path: '', message: 'unknown field "nope" on lead' }]);
    expect(problems([{ field: 'salary' }], ['salary'])[0]!.path).to.equal('/0/field');
    expect(problems('name,name')[0]!.message).to.match(/twice/);
    expect(problems('owner')[0]!.message).to.match(/cannot sort by owner/);
  });

  it('refuses malformed sorts', () => {
    expect(problems('name,')[0]!.message).to.match(/names a field/);
    expect(problems([{ field: 'name', dir: 'up' }])[0]).to.deep.equal({
      path: '/0/dir',
      message: 'dir is "asc" or "desc"',
    });
    expect(problems([{ field: 'name', extra: 1 }])[0]!.path).to.equal('/0/extra');
    expect(problems(42)[0]!.message).to.match(/string like/);
    expect(problems(['name'])[0]!.path).to.equal('/0');
  });
});
