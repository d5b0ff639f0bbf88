import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { cliEnv, REPO, type Running, startCli } from '../support/cliProcess.js';
import { launchChromium } from './launchChromium.js';

const BUILT_INDEX = path.join(REPO, 'runtime/dist/web/index.html');
const DEMO_PASSWORD = 'leadforge-demo';
const REP = 'li.na@demo.leadforge.example';

interface WidgetAnswer {
  readonly id: string;
  readonly run?: { readonly result: { readonly rows: { keys: unknown[]; values: (number | null)[] }[] } };
  readonly error?: { readonly code: string; readonly message: string };
}

async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForSelector('table.records');
}

/** The number a KPI widget shows, read from its chart's accessible label ("New leads this month: 1,234"). */
async function kpiNumber(page: Page, widget: string): Promise<number> {
  const label = await page.getAttribute(`.widget[data-widget="${widget}"] .chart`, 'aria-label');
  const shown = /:\s*([\d,]+)$/.exec(label ?? '');
  if (!shown) throw new Error(`widget ${widget} shows no number: ${label}`);
  return Number(shown[1]!.replace(/,/g, ''));
}

/** The first number of a table widget's first row, as shown. */
async function firstTableNumber(page: Page, widget: string): Promise<number> {
  const text = await page.textContent(
    `.widget[data-widget="${widget}"] table.report-table tbody tr:first-child td.number`,
  );
  return Number((text ?? '').replace(/[^\d.]/g, ''));
}

/** The widget runs of a dashboard as the API answers them to the page's session. */
async function dashboardWidgets(page: Page, url: string, query: string): Promise<WidgetAnswer[]> {
  const answer = await page.request.get(`${url}/api/v1/dashboards/funnel?${query}`);
  expect(answer.status()).to.equal(200);
  return ((await answer.json()) as { widgets: WidgetAnswer[] }).widgets;
}

describe('runtime web app: dashboards', function () {
  this.timeout(120_000);
  let dataDir: string;
  let server: Running;
  let browser: Browser;
  let page: Page;

  before(async () => {
    if (!existsSync(BUILT_INDEX)) {
      throw new Error('runtime/dist/web/index.html is missing: run `npm run build` before the browser tests');
    }
    dataDir = await mkdtemp(path.join(tmpdir(), 'lf-dash-'));
    // a first start seeds demo leads, reps and teams, as `npm start` does (fewer leads, same history)
    server = await startCli(['--data', dataDir], cliEnv({ LEADFORGE_DEMO_DATA: '1', LEADFORGE_DEMO_LEADS: '300' }));
    const admin = /as (\S+@\S+) with password (\S+)/.exec(server.output());
    if (!admin) throw new Error(`leadforge start printed no admin password:\n${server.output()}`);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, admin[1]!, admin[2]!);
  });

  after(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('opens the dashboards from the navigation and draws every widget: a canvas per chart, a table per table report', async () => {
    await page.click('.object-nav li.nav-dashboards a');
    await page.click('.dashboard-tabs a[href="/dashboards/funnel"]');
    await page.waitForSelector('.dashboard[data-dashboard="funnel"][aria-busy="false"] .widget');
    expect(new URL(page.url()).pathname).to.equal('/dashboards/funnel');
    const widgets = page.locator('.dashboard-grid .widget');
    expect(await widgets.count()).to.equal(4);
    for (const widget of await widgets.all()) {
      const chart = await widget.getAttribute('data-chart');
      if (chart === 'table') expect(await widget.locator('table tbody tr').count()).to.be.greaterThan(0);
      else await widget.locator('canvas').first().waitFor();
    }
    expect(await page.locator('.widget-error').count()).to.equal(0);
    // the dashboard's grid: the funnel sits below the KPI row, left of its detail table
    const funnel = await page.locator('.widget[data-widget="funnel"]').boundingBox();
    const detail = await page.locator('.widget[data-widget="funnel-table"]').boundingBox();
    const kpi = await page.locator('.widget[data-widget="new-leads"]').boundingBox();
    expect(funnel!.y).to.be.greaterThan(kpi!.y + kpi!.height);
    expect(detail!.x).to.be.greaterThan(funnel!.x + funnel!.width);
  });

  it('shows other numbers after the date range changes, those the API gives for the new range', async () => {
    const leadsBefore = await kpiNumber(page, 'new-leads');
    const before = await firstTableNumber(page, 'funnel-table');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/dashboards/funnel?') && r.url().includes('last_30_days')),
      page.selectOption('.filter-bar select[name="dateRange"]', 'last_30_days'),
    ]);
    expect(answer.status()).to.equal(200);
    await page.waitForSelector('.dashboard[aria-busy="false"]');
    expect(new URL(page.url()).search).to.equal('?dateRange=last_30_days');
    const after = await firstTableNumber(page, 'funnel-table');
    const widgets = await dashboardWidgets(page, server.url, 'dateRange=last_30_days');
    const expected = widgets.find((w) => w.id === 'funnel-table')!.run!.result.rows[0]!.values[0];
    expect(after).to.equal(expected);
    expect(after).to.be.lessThan(before);
    // "new leads this month" keeps its own period whatever range is picked
    expect(await kpiNumber(page, 'new-leads')).to.equal(leadsBefore);
  });

  it('drills from a funnel step to the list of its leads, whose count is the step’s value', async () => {
    const widgets = await dashboardWidgets(page, server.url, 'dateRange=last_30_days');
    const steps = widgets.find((w) => w.id === 'funnel')!.run!.result.rows;
    const step = 1; // "first contact"
    const canvas = page.locator('.widget[data-widget="funnel"] canvas').first();
    const box = (await canvas.boundingBox())!;
    // the widget's funnel spans the canvas less 8px at the top and bottom, one band per step
    const band = (box.height - 16) / steps.length;
    const [drill] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/reports/funnel/drill')),
      page.mouse.click(box.x + box.width / 2, box.y + 8 + band * (step + 0.5)),
    ]);
    expect(drill.status()).to.equal(200);
    expect(drill.request().postDataJSON()).to.deep.equal({ keys: steps[step]!.keys, measure: 'reached' });
    await page.waitForURL(/\/o\/lead\?filter=/);
    const count = page.locator('.filter-banner .filtered-count');
    await count.waitFor();
    expect(Number(await count.getAttribute('data-count'))).to.equal(steps[step]!.values[0]);
    await page.waitForSelector('table.records tbody tr');
    const listed = await page.locator('table.records tbody tr').count();
    expect(listed).to.equal(Math.min(50, steps[step]!.values[0]!));
  });

  it('comes back from the list to the dashboard with the date range it had', async () => {
    await page.goBack();
    await page.waitForSelector('.dashboard[data-dashboard="funnel"][aria-busy="false"] .widget canvas');
    expect(await page.inputValue('.filter-bar select[name="dateRange"]')).to.equal('last_30_days');
    const widgets = await dashboardWidgets(page, server.url, 'dateRange=last_30_days');
    expect(await kpiNumber(page, 'new-leads')).to.equal(
      widgets.find((w) => w.id === 'new-leads')!.run!.result.rows[0]!.values[0],
    );
  });

  it('shows a report the viewer may not run as an error in its place, and draws the others', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const rep = await context.newPage();
      await signIn(rep, server.url, REP, DEMO_PASSWORD);
      await rep.goto(`${server.url}/dashboards/channel-roi`);
      await rep.waitForSelector('.dashboard[aria-busy="false"] .widget');
      const failed = rep.locator('.widget[data-widget="channel-roi"] .widget-error');
      await failed.waitFor();
      expect(await failed.getAttribute('role')).to.equal('alert');
      expect(await failed.textContent()).to.match(/channel-roi/);
      await rep.locator('.widget[data-widget="channel-volume"] canvas').first().waitFor();
    } finally {
      await context.close();
    }
  });
});
