import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, startCli } from '../support/cliProcess.js';

describe('cli: leadforge start', function () {
  this.timeout(90_000);
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lf-start-'));
  });
  after(async () => rm(dataDir, { recursive: true, force: true }));

  it('on first start installs the template, creates an admin and prints how to sign in', async () => {
    const server = await startCli(['--data', dataDir]);
    try {
      const m = /as (\S+@\S+) with password (\S+)/.exec(server.output());
      expect(m, server.output()).to.not.equal(null);
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).to.equal(200);
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: m![1], password: m![2] }),
      });
      expect(login.status).to.equal(200);
      expect(server.output()).to.include('b2b-saas');
    } finally {
      expect(await server.stop()).to.equal(0);
    }
    expect(existsSync(path.join(dataDir, 'leadforge.lock'))).to.equal(false);
  });

  it('prints no password on a later start: there is no fixed default password', async () => {
    const server = await startCli(['--data', dataDir]);
    try {
      expect(server.output()).not.to.match(/with password/);
    } finally {
      await server.stop();
    }
  });

  it('refuses a second process on the same data folder with a clear message', async () => {
    const server = await startCli(['--data', dataDir]);
    try {
      const second = await runCli(['start', '--port', '0', '--data', dataDir]);
      expect(second.code).to.not.equal(0);
      expect(second.stderr).to.match(/in use by another Leadforge process/);
    } finally {
      await server.stop();
    }
  });

  it('answers a bad flag with a usage error, not a crash', async () => {
    const r = await runCli(['start', '--prot', '3000']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('--prot');
  });
});
