import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO, type Running, startCli } from '../support/cliProcess.js';
import { launchChromium } from './launchChromium.js';

const BUILT_INDEX = path.join(REPO, 'runtime/dist/web/index.html');
const XSS_NAME = '<img src=x onerror="window.__xss=1">Mallory';

const leadNameCells = (page: Page) => page.locator('table.records td[data-field="name"]');
const isLeadCreate = (method: string, url: string) => method === 'POST' && url.endsWith('/api/v1/records/lead');

describe('runtime web app', function () {
  this.timeout(60_000);
  let dataDir: string;
  let server: Running;
  let browser: Browser;
  let page: Page;
  let admin: { email: string; password: string };

  before(async () => {
    if (!existsSync(BUILT_INDEX)) {
      throw new Error('runtime/dist/web/index.html is missing: run `npm run build` before the browser tests');
    }
    dataDir = await mkdtemp(path.join(tmpdir(), 'lf-web-'));
    server = await startCli(['--data', dataDir]);
    const signIn = /as (\S+@\S+) with password (\S+)/.exec(server.output());
    if (!signIn) throw new Error(`leadforge start printed no admin password:\n${server.output()}`);
    admin = { email: signIn[1]!, password: signIn[2]! };
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });

  after(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('signs in and lists the leads', async () => {
    await page.goto(server.url);
    await page.fill('input[name="email"]', admin.email);
    await page.fill('input[name="password"]', admin.password);
    await page.click('button[type="submit"]');
    await page.waitForSelector('table.records');
    // The b2b-saas app's default language is Chinese and the shell opens on its leads.
    expect(await page.textContent('#records-title')).to.equal('潜在客户');
    expect(await page.textContent('.object-nav a[aria-current="page"]')).to.equal('潜在客户');
    expect(await page.locator('table.records th').allTextContents()).to.include.members(['姓名', '负责人', '更新时间']);
  });

  it('shows the server’s error next to a required field left empty in the New form', async () => {
    await page.click('.toolbar button.primary');
    await page.waitForSelector('form.record-form');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => isLeadCreate(r.request().method(), r.url())),
      page.click('form.record-form button[type="submit"]'),
    ]);
    expect(answer.status()).to.equal(422);
    const error = page.locator('[data-field-error="name"]');
    await error.waitFor();
    expect(await error.textContent()).to.match(/required/);
    expect(await page.getAttribute('form.record-form [name="name"]', 'aria-invalid')).to.equal('true');
  });

  it('creates a lead through the New form and shows it in the table', async () => {
    await page.fill('form.record-form [name="name"]', '赵磊 Zhao Lei');
    await page.fill('form.record-form [name="email"]', 'zhao.lei@example.cn');
    await page.selectOption('form.record-form [name="status"]', 'qualified');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => isLeadCreate(r.request().method(), r.url())),
      page.click('form.record-form button[type="submit"]'),
    ]);
    expect(answer.status()).to.equal(201);
    await page.waitForSelector('.drawer .history li');
    await page.keyboard.press('Escape');
    const row = page.locator('table.records tr', { hasText: '赵磊 Zhao Lei' });
    await row.waitFor();
    expect(await row.locator('td[data-field="status"]').textContent()).to.equal('已确认');
  });

  it('shows a lead name containing markup as text and runs none of it', async () => {
    const created = await page.request.post(`${server.url}/api/v1/records/lead`, {
      data: { data: { name: XSS_NAME } },
    });
    expect(created.status()).to.equal(201);
    await page.reload();
    const cell = leadNameCells(page).filter({ hasText: 'Mallory' });
    await cell.waitFor();
    expect(await cell.textContent()).to.equal(XSS_NAME);
    await cell.locator('button').click();
    await page.waitForSelector('.drawer .history li');
    expect(await page.textContent('.drawer h2')).to.equal(XSS_NAME);
    expect(await page.locator('img').count()).to.equal(0);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).to.equal(undefined);
    await page.keyboard.press('Escape');
  });

  it('shows English object labels after switching to English', async () => {
    await page.click('.top-bar .language-switch button[lang="en"]');
    await page.locator('#records-title', { hasText: 'Lead' }).waitFor();
    expect(await page.locator('.object-nav a').allTextContents()).to.include.members(['Lead', 'Company']);
  });

  it('shows Chinese object labels after switching back to 中文', async () => {
    await page.click('.top-bar .language-switch button:text-is("中文")');
    await page.locator('#records-title', { hasText: '潜在客户' }).waitFor();
    expect(await page.locator('.object-nav a').allTextContents()).to.include.members(['潜在客户', '公司']);
  });
});
