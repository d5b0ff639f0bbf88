import { expect } from 'chai';
import { formatProblem, validatePackage } from '@leadforge/engine';
import { manyMistakesPackage } from './manyMistakesPackage.js';

describe('package validator: a package with 200 mistakes', () => {
  it('reports all 200, one problem per mistake', () => {
    const { pkg, expected } = manyMistakesPackage();
    expect(expected).to.have.length(200);
    const problems = validatePackage(pkg);
    expect(problems.map(formatProblem)).to.have.length(200);
    for (const want of expected) {
      const found = problems.filter((p) => p.file === want.file && p.pointer === want.pointer);
      expect(found, `${want.file}: ${want.pointer}`).to.have.length(1);
      expect(found[0]!.message, `${want.file}: ${want.pointer}`).to.include(want.says);
    }
  });

  it('gives the same problems in the same order every time', () => {
    const { pkg } = manyMistakesPackage();
    expect(validatePackage(pkg)).to.deep.equal(validatePackage(pkg));
  });
});
