import { expect } from 'chai';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readPackageFolder } from '../../runtime/src/package/readPackageFolder.js';
import { writePackageFolder } from '../../runtime/src/package/writePackageFolder.js';
import { aPackage } from './packageBuilders.js';

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}

describe('package folders', () => {
  let work: string;
  beforeEach(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'lf-pkg-'));
  });
  afterEach(async () => rm(work, { recursive: true, force: true }));

  it('reads every JSON file below the folder, keyed by its POSIX path', async () => {
    await writePackageFolder(work, aPackage());
    const { pkg, problems } = await readPackageFolder(work);
    expect(problems).to.deep.equal([]);
    expect(Object.keys(pkg.files)).to.deep.equal([
      'app.json',
      'objects/company.json',
      'objects/lead.json',
      'roles.json',
    ]);
    expect(pkg.files['app.json']).to.deep.equal(aPackage().files['app.json']);
  });

  it('skips dotfiles and dot-folders and ignores files that are not JSON', async () => {
    await writePackageFolder(work, aPackage());
    await writeFile(path.join(work, '.draft.json'), '{');
    await mkdir(path.join(work, '.git'));
    await writeFile(path.join(work, '.git', 'config.json'), '{');
    await writeFile(path.join(work, 'README.md'), '# hello');
    const { pkg, problems } = await readPackageFolder(work);
    expect(problems).to.deep.equal([]);
    expect(Object.keys(pkg.files)).to.have.length(4);
  });

  it('reports a file that is not valid JSON with its line and column', async () => {
    await mkdir(path.join(work, 'objects'));
    await writeFile(path.join(work, 'objects', 'lead.json'), '{\n  "id": "lead",\n  "label": }\n');
    const { pkg, problems } = await readPackageFolder(work);
    expect(pkg.files).to.deep.equal({});
    expect(problems).to.have.length(1);
    expect(problems[0]!.file).to.equal('objects/lead.json');
    expect(problems[0]!.pointer).to.equal('');
    expect(problems[0]!.message).to.match(/^is not valid JSON at line 3, column 12: /);
  });

  it('writes two-space JSON with a final newline', async () => {
    await writePackageFolder(work, { files: { 'app.json': { id: 'a', tags: [1, 2] } } });
    expect(await readFile(path.join(work, 'app.json'), 'utf8')).to.equal(
      '{\n  "id": "a",\n  "tags": [\n    1,\n    2\n  ]\n}\n',
    );
  });

  it('gives identical bytes on write → read → write', async () => {
    const first = path.join(work, 'first');
    const second = path.join(work, 'second');
    await writePackageFolder(first, aPackage());
    await writePackageFolder(second, (await readPackageFolder(first)).pkg);
    const names = await listFiles(first);
    expect(await listFiles(second)).to.deep.equal(names);
    for (const name of names) {
      expect(await readFile(path.join(second, name), 'utf8'), name).to.equal(
        await readFile(path.join(first, name), 'utf8'),
      );
    }
  });

  it('removes JSON files that are no longer in the package and keeps other files', async () => {
    await writePackageFolder(work, aPackage({ 'forms/old.json': { id: 'old' } }));
    await writeFile(path.join(work, 'README.md'), '# keep me');
    await writePackageFolder(work, aPackage());
    expect(await listFiles(work)).to.deep.equal([
      'README.md',
      'app.json',
      'objects/company.json',
      'objects/lead.json',
      'roles.json',
    ]);
  });

  it('refuses a file path that climbs out of the folder', async () => {
    const error = await writePackageFolder(work, { files: { '../escape.json': {} } }).catch((e: unknown) => e);
    expect(error).to.have.property('code', 'MALFORMED');
    expect(await listFiles(path.dirname(work))).to.not.include('escape.json');
  });
});
