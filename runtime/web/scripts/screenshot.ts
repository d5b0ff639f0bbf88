// Writes docs/screenshot.png (the leads list of a fresh runtime with a few sample leads on top of the
// first start's demo data) and docs/dashboard.png (the sample's funnel dashboard over that demo data).
// Run from the repository root after `npm run build`: node --import tsx runtime/web/scripts/screenshot.ts
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { SAMPLE_LEADS } from './sampleLeads.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const OUT = path.join(REPO, 'docs/screenshot.png');
const DASHBOARD_OUT = path.join(REPO, 'docs/dashboard.png');

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly email: string;
  readonly password: string;
}

/** `leadforge start` on a free port with embedded PGlite; resolves once it prints how to sign in. */
function startRuntime(dataDir: string): Promise<Started> {
  const env = { ...process.env };
  delete env['DATABASE_URL'];
  const child = spawn(
    process.execPath,
    [path.join(REPO, 'runtime/bin/leadforge.js'), 'start', '--port', '0', '--data', dataDir],
    { cwd: REPO, env },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /sign in at (\S+) as (\S+) with password (\S+)\n/.exec(out);
      if (m) resolve({ child, url: m[1]!, email: m[2]!, password: m[3]! });
    });
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('close', (code) => reject(new Error(`leadforge start exited with ${code}:\n${out}`)));
  });
}

if (!existsSync(path.join(REPO, 'runtime/dist/web/index.html'))) {
  throw new Error('runtime/dist/web is missing: run `npm run build` first');
}
const dataDir = await mkdtemp(path.join(tmpdir(), 'lf-screenshot-'));
const runtime = await startRuntime(dataDir);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await page.goto(runtime.url);
  await page.fill('input[name="email"]', runtime.email);
  await page.fill('input[name="password"]', runtime.password);
  await page.click('button[type="submit"]');
  await page.waitForSelector('table.records');
  for (const data of SAMPLE_LEADS) {
    const answer = await page.request.post(`${runtime.url}/api/v1/records/lead`, { data: { data } });
    if (answer.status() !== 201)
      throw new Error(`creating ${data['name']} answered ${answer.status()}: ${await answer.text()}`);
  }
  await page.reload();
  await page
    .locator('table.records tbody tr')
    .nth(SAMPLE_LEADS.length - 1)
    .waitFor();
  await page.screenshot({ path: OUT });
  console.log(`wrote ${path.relative(REPO, OUT)}`);

  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto(`${runtime.url}/dashboards/funnel`);
  await page.waitForSelector('.dashboard[data-dashboard="funnel"][aria-busy="false"] .widget canvas');
  // echarts animates its first drawing; wait until it has settled
  await page.waitForTimeout(1500);
  await page.screenshot({ path: DASHBOARD_OUT });
  console.log(`wrote ${path.relative(REPO, DASHBOARD_OUT)}`);
} finally {
  await browser.close();
  const exited = new Promise((resolve) => runtime.child.once('close', resolve));
  runtime.child.kill('SIGTERM');
  await exited;
  await rm(dataDir, { recursive: true, force: true });
}
