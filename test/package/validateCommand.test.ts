import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { validateCommand } from '../../runtime/src/cli/validate.js';
import { writePackageFolder } from '../../runtime/src/package/writePackageFolder.js';
import { REPO, runCli } from '../support/cliProcess.js';
import { aForm, aPackage } from './packageBuilders.js';

function capture(): { out: { log(s: string): void; error(s: string): void }; stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { out: { log: (s) => stdout.push(s), error: (s) => stderr.push(s) }, stdout, stderr };
}

const LINE = /^[^:]+\.json: \/\S*: .+$/;

describe('cli: leadforge validate', function () {
  this.timeout(60_000);
  let work: string;
  beforeEach(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'lf-validate-'));
  });
  afterEach(async () => rm(work, { recursive: true, force: true }));

  it('says a valid folder is valid, with its file and object counts, and answers 0', async () => {
    await writePackageFolder(work, aPackage());
    const c = capture();
    expect(await validateCommand([work], c.out)).to.equal(0);
    expect(c.stdout).to.deep.equal([`${work}: valid (4 files, 2 objects)`]);
  });

  it('prints every problem as "file: /pointer: sentence", then a count, and answers 1', async () => {
    await writePackageFolder(
      work,
      aPackage({ 'forms/contact-us.json': aForm({ fields: [{ field: 'name' }, { field: 'emial' }] }) }),
    );
    await writeFile(path.join(work, 'notes.json'), '{}');
    const c = capture();
    expect(await validateCommand([work], c.out)).to.equal(1);
    expect(c.stdout).to.deep.equal([
      'forms/contact-us.json: /fields/1/field: unknown field "emial" on object "lead" (did you mean "email"?)',
      c.stdout[1],
      `2 problems in ${work}`,
    ]);
    expect(c.stdout[1]).to.match(/^notes\.json: \/: unknown file; expected one of: /);
  });

  it('reports a file that does not parse without also calling it missing', async () => {
    await writePackageFolder(work, aPackage());
    await writeFile(path.join(work, 'app.json'), '{ "id": ');
    const c = capture();
    expect(await validateCommand([work], c.out)).to.equal(1);
    expect(c.stdout).to.have.length(2);
    expect(c.stdout[0]).to.match(/^app\.json: \/: is not valid JSON at line 1, column 9: /);
  });

  it('answers 2 with the usage when the folder is missing from the command', async () => {
    const c = capture();
    expect(await validateCommand([], c.out)).to.equal(2);
    expect(c.stderr.join('\n')).to.include('usage: leadforge validate DIR');
  });

  it('answers 2 when the folder does not exist or is a file', async () => {
    const c = capture();
    expect(await validateCommand([path.join(work, 'nope')], c.out)).to.equal(2);
    expect(c.stderr[0]).to.equal(`${path.join(work, 'nope')}: no such folder`);
    await mkdir(path.join(work, 'd'));
    await writeFile(path.join(work, 'f.json'), '{}');
    expect(await validateCommand([path.join(work, 'f.json')], c.out)).to.equal(2);
    expect(c.stderr).to.include(`${path.join(work, 'f.json')}: is not a folder`);
  });

  it('exits 0 for the b2b-saas sample through the leadforge binary', async () => {
    const run = await runCli(['validate', 'samples/b2b-saas']);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout.trim()).to.match(/^samples\/b2b-saas: valid \(\d+ files, 6 objects\)$/);
  });

  it('exits 1 through the leadforge binary and prints one line per problem', async () => {
    await writePackageFolder(
      work,
      aPackage({ 'objects/company.json': { id: 'company', label: { en: 'C' }, fields: [], x: 1 } }),
    );
    const run = await runCli(['validate', work]);
    expect(run.code, run.stderr).to.equal(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines.slice(0, -1)).to.deep.equal([
      'objects/company.json: /fields: must not be empty',
      'objects/company.json: /x: unknown property "x"',
    ]);
    for (const line of lines.slice(0, -1)) expect(line).to.match(LINE);
    expect(lines.at(-1)).to.equal(`2 problems in ${work}`);
    expect(REPO).to.be.a('string');
  });
});
