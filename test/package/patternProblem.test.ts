import { expect } from 'chai';
import { patternProblem } from '@leadforge/engine';

describe('field patterns: safe regular expressions only', () => {
  for (const safe of [
    '^[a-z0-9.-]+\\.[a-z]{2,}$',
    '^\\d{6}$',
    '^(abc|def)?-[0-9]+$',
    '^(ab){2}$',
    '^[(a+)+]$',
    '^\\(a+\\)+$',
  ]) {
    it(`accepts ${safe}`, () => {
      expect(patternProblem(safe)).to.equal(undefined);
    });
  }

  for (const nested of ['^(a+)+$', '(\\w*,?)*', '^(a|b+){2,}$', '((ab)*c)+', '(x{1,5})*']) {
    it(`refuses the nested quantifier in ${nested}`, () => {
      expect(patternProblem(nested)).to.match(/^repeats a group that itself repeats/);
    });
  }

  it('refuses back-references', () => {
    expect(patternProblem('^(a)\\1$')).to.match(/back-references/);
  });

  it('refuses what does not compile as a unicode regular expression', () => {
    expect(patternProblem('[a-')).to.match(/^is not a valid regular expression/);
    expect(patternProblem('\\p{Nope}')).to.match(/^is not a valid regular expression/);
  });
});
