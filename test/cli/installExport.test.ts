import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO, runCli } from '../support/cliProcess.js';

async function filesOf(dir: string, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(out, await filesOf(path.join(dir, entry.name), rel));
    else out[rel] = await readFile(path.join(dir, entry.name), 'utf8');
  }
  return out;
}

describe('cli: leadforge install and export', function () {
  this.timeout(120_000);
  let work: string;

  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'lf-cli-'));
  });
  after(async () => rm(work, { recursive: true, force: true }));

  it('export → install → export gives byte-identical files', async () => {
    const data = path.join(work, 'data');
    const sample = path.join(REPO, 'samples/b2b-saas');
    const installed = await runCli(['install', sample, '--data', data]);
    expect(installed.code, installed.stderr).to.equal(0);
    expect(installed.stdout).to.include('as version 1');
    const first = path.join(work, 'first');
    expect((await runCli(['export', first, '--data', data])).code).to.equal(0);
    const again = await runCli(['install', first, '--data', data]);
    expect(again.stdout).to.include('as version 2');
    const second = path.join(work, 'second');
    expect((await runCli(['export', second, '--data', data])).code).to.equal(0);
    const a = await filesOf(first);
    expect(Object.keys(a)).to.include.members(['app.json', 'roles.json', 'objects/lead.json']);
    expect(await filesOf(second)).to.deep.equal(a);
  });

  it('refuses to install an invalid folder and lists its problems', async () => {
    const bad = path.join(work, 'bad');
    await runCli(['export', bad, '--data', path.join(work, 'data')]);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(bad, 'objects/lead.json'), '{ "id": "lead", ');
    const r = await runCli(['install', bad, '--data', path.join(work, 'data')]);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include('objects/lead.json');
  });
});
