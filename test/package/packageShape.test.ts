import { expect } from 'chai';
import { formatProblem, validatePackage } from '@leadforge/engine';
import { aPackage } from './packageBuilders.js';

describe('package validator: files and shape', () => {
  it('accepts the small valid package', () => {
    expect(validatePackage(aPackage())).to.deep.equal([]);
  });

  it('refuses a file at an unknown path and lists the expected ones', () => {
    const problems = validatePackage(aPackage({ 'widgets/a.json': {} }));
    expect(problems).to.have.length(1);
    expect(problems[0]!.file).to.equal('widgets/a.json');
    expect(problems[0]!.pointer).to.equal('');
    expect(problems[0]!.message).to.match(
      /^unknown file; expected one of: app\.json, roles\.json, objects\/<name>\.json, /,
    );
  });

  it('requires app.json', () => {
    const { files } = aPackage();
    delete files['app.json'];
    expect(validatePackage({ files }).map(formatProblem)).to.deep.equal([
      'app.json: /: is missing: every package needs an app.json',
    ]);
  });

  it('requires at least one object', () => {
    const problems = validatePackage({ files: { 'app.json': aPackage().files['app.json'] } });
    expect(problems.map(formatProblem)).to.deep.equal([
      'objects/: /: the package has no objects: add at least one objects/<name>.json',
    ]);
  });

  it('refuses a definition whose id differs from its file name', () => {
    const { files } = aPackage();
    const problems = validatePackage({
      files: { ...files, 'objects/company.json': { ...(files['objects/company.json'] as object), id: 'firm' } },
    });
    expect(problems.map(formatProblem)).to.deep.equal([
      'objects/company.json: /id: id "firm" must equal the file name "company"',
    ]);
  });

  it('refuses a file that is not a JSON object', () => {
    const problems = validatePackage(aPackage({ 'objects/company.json': [1, 2] }));
    expect(problems.map(formatProblem)).to.deep.equal(['objects/company.json: /: must be an object']);
  });

  it('sorts problems by file, then pointer with array indexes in numeric order', () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ name: `f${i}`, type: 'text', label: { en: 'x' }, bad: 1 }));
    const problems = validatePackage(
      aPackage({ 'objects/company.json': { id: 'company', label: { en: 'C' }, fields }, 'app.json': { x: 1 } }),
    );
    const files = problems.map((p) => p.file);
    expect(files).to.deep.equal([...files].sort());
    const pointers = problems.filter((p) => p.file === 'objects/company.json').map((p) => p.pointer);
    expect(pointers.slice(0, 3)).to.deep.equal(['/fields/0/bad', '/fields/1/bad', '/fields/2/bad']);
    expect(pointers.at(-1)).to.equal('/fields/11/bad');
  });

  it('formats a problem as "file: /pointer: sentence" and the whole file as "/"', () => {
    expect(
      formatProblem({ file: 'forms/a.json', pointer: '/fields/2/field', message: 'unknown field "emial"' }),
    ).to.equal('forms/a.json: /fields/2/field: unknown field "emial"');
    expect(formatProblem({ file: 'x.json', pointer: '', message: 'unknown file' })).to.equal('x.json: /: unknown file');
  });

  it('leaves the package it validates unchanged', () => {
    const pkg = aPackage({ 'objects/company.json': { id: 'company', fields: 'nope' } });
    const before = JSON.stringify(pkg);
    validatePackage(pkg);
    expect(JSON.stringify(pkg)).to.equal(before);
  });
});
