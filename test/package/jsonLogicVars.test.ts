import { expect } from 'chai';
import { jsonLogicVars } from '@leadforge/engine';

describe('JSON Logic: the fields a rule reads', () => {
  it('finds the first path segment of each var, with the pointer of its name', () => {
    const rule = { and: [{ '==': [{ var: 'industry' }, 'saas'] }, { '>': [{ var: ['company.size', 0] }, 10] }] };
    expect(jsonLogicVars(rule, '/when')).to.deep.equal([
      { pointer: '/when/and/0/==/0/var', name: 'industry' },
      { pointer: '/when/and/1/>/0/var/0', name: 'company' },
    ]);
  });

  it('reads only the array argument of operators that scope var to each item', () => {
    const rule = { some: [{ var: 'tags' }, { '==': [{ var: 'name' }, 'x'] }] };
    expect(jsonLogicVars(rule).map((v) => v.name)).to.deep.equal(['tags']);
  });

  it('skips the empty name and computed names but looks inside computed ones', () => {
    const rule = { '==': [{ var: '' }, { var: { cat: ['a', { var: 'suffix' }] } }] };
    expect(jsonLogicVars(rule).map((v) => v.name)).to.deep.equal(['suffix']);
  });

  it('escapes operator names in pointers', () => {
    expect(jsonLogicVars({ 'a/b': [{ var: 'x' }] })).to.deep.equal([{ pointer: '/a~1b/0/var', name: 'x' }]);
  });
});
