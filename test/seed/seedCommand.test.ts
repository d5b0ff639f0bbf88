import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openDatabase } from '../../runtime/src/store/openDatabase.js';
import { cliEnv, runCli, startCli } from '../support/cliProcess.js';

async function leadCount(dataDir: string): Promise<number> {
  const db = await openDatabase({ dataDir });
  try {
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM records WHERE tenant_id = 'default' AND object = 'lead'",
    );
    return rows[0]!.n;
  } finally {
    await db.close();
  }
}

describe('cli: leadforge seed', function () {
  this.timeout(240_000);
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lf-seed-'));
  });
  afterEach(async () => rm(dataDir, { recursive: true, force: true }));

  it('writes N leads with a progress line on stderr, then refuses to seed the same tenant again', async () => {
    const first = await runCli([
      'seed',
      '--leads',
      '150',
      '--seed',
      '5',
      '--now',
      '2026-11-20T08:00:00Z',
      '--data',
      dataDir,
    ]);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.match(/seeded 150 leads \(\d+ rows\)/);
    expect(first.stdout).to.include('leadforge-demo');
    expect(first.stderr).to.match(/seed: 150\/150 leads, \d+ rows/);
    expect(await leadCount(dataDir)).to.equal(150);

    const again = await runCli(['seed', '--leads', '10', '--data', dataDir]);
    expect(again.code).to.equal(1);
    expect(again.stderr).to.include('already has leads');
    expect(await leadCount(dataDir)).to.equal(150);
  });

  for (const [args, message] of [
    [[], '--leads is required'],
    [['--leads', 'many'], '--leads must be a whole number'],
    [['--leads', '-5'], '--leads'],
    [['--leads', '10', '--seed', '1.5'], '--seed must be a whole number'],
    [['--leads', '10', '--now', 'yesterday'], '--now must be an ISO time'],
    [['--leads', '10', '--colour', 'red'], '--colour'],
    [['--leads', '10', 'extra'], 'unexpected argument "extra"'],
  ] as const) {
    it(`answers ${args.join(' ') || 'no flags'} with exit code 2 and says what is wrong`, async () => {
      const r = await runCli(['seed', ...args, '--data', dataDir]);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.include(message);
    });
  }
});

describe('cli: leadforge start seeds demo data on the first start', function () {
  this.timeout(300_000);
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lf-start-demo-'));
  });
  afterEach(async () => rm(dataDir, { recursive: true, force: true }));

  it('seeds demo leads the first time, says so, and not again on the next start', async () => {
    // LEADFORGE_DEMO_LEADS keeps the test small; a real first start seeds 3,000
    const env = cliEnv({ LEADFORGE_DEMO_DATA: '1', LEADFORGE_DEMO_LEADS: '120' });
    const first = await startCli(['--data', dataDir], env);
    const firstOutput = first.output();
    expect(await first.stop()).to.equal(0);
    expect(firstOutput).to.include('seeding demo data (120 leads)');
    expect(firstOutput).to.match(/seeded 120 demo leads/);
    const second = await startCli(['--data', dataDir], env);
    const secondOutput = second.output();
    expect(await second.stop()).to.equal(0);
    expect(secondOutput).not.to.include('seeding demo data');
    expect(await leadCount(dataDir)).to.equal(120);
  });

  it('seeds nothing with --no-demo-data', async () => {
    const server = await startCli(['--data', dataDir, '--no-demo-data'], cliEnv({ LEADFORGE_DEMO_DATA: '1' }));
    const output = server.output();
    expect(await server.stop()).to.equal(0);
    expect(output).not.to.include('seeding demo data');
    expect(await leadCount(dataDir)).to.equal(0);
  });
});
