import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { APIRequestContext, Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { cliEnv, REPO, type Running, startCli } from '../support/cliProcess.js';
import { launchChromium } from './launchChromium.js';

const BUILT = ['runtime/dist/forms/embed.js', 'runtime/dist/web/index.html'].map((p) => path.join(REPO, p));
const PHONE = { width: 375, height: 740 };

/** The part of a page that holds the form: the page itself, a shadow root in it (CSS locators pierce), or a frame. */
type FormScope = Page | FrameLocator;

interface ContactAnswers {
  readonly name: string;
  readonly email: string;
  readonly company: string;
  /** A role label in the form's language: CEO, CTO and VP are asked for a budget. */
  readonly role: string;
  readonly budget: string;
  readonly notes: string;
}

/** A site on another origin that embeds the forms, as a customer's website would. */
async function startHostSite(leadforge: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const pages: Record<string, string> = {
    '/pricing': `<h1>Pricing</h1><p>Talk to us:</p>
      <script src="${leadforge}/embed.js" data-form="contact-us" data-lang="en" async></script>
      <p id="after-form">Footer</p>`,
    '/partners': `<h1>Partners</h1>
      <script src="${leadforge}/embed.js" data-form="contact-us" data-mode="iframe" async></script>`,
  };
  const server: Server = createServer((req, res) => {
    const page = pages[new URL(req.url ?? '/', 'http://host').pathname];
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    // The host's own styles must not reach the script-embedded form (it lives in a shadow root).
    res.end(
      page
        ? `<!doctype html><html><head><style>body{font-family:serif}input{display:none}</style></head><body>${page}</body></html>`
        : 'not found',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/**
 * A stand-in for Cloudflare Turnstile's siteverify (a third party the test cannot reach): tokens starting with
 * `pass-` pass, any other fails, each answered once.
 */
async function startSiteVerify(): Promise<{ url: string; tokens: string[]; close: () => Promise<void> }> {
  const tokens: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const token = new URLSearchParams(body).get('response') ?? '';
      tokens.push(token);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          token.startsWith('pass-') ? { success: true } : { success: false, 'error-codes': ['invalid-input-response'] },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/siteverify`,
    tokens,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/**
 * Turnstile's widget script as the test serves it in place of Cloudflare's: a button that hands the form a token,
 * `pass-…` or `fail-…` as `window.__captchaOutcome` says; `reset` is counted.
 */
const FAKE_TURNSTILE = `window.turnstile = {
  render(element, options) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'fake-turnstile';
    button.textContent = 'I am human';
    let n = 0;
    button.onclick = () => options.callback((window.__captchaOutcome || 'pass') + '-' + ++n + '-' + Math.random());
    element.append(button);
    return 'widget-1';
  },
  reset() { window.__captchaResets = (window.__captchaResets || 0) + 1; },
};`;

/**
 * Publishes the sample with the host site among the forms' allowed origins and without the too-fast-fill
 * rule: Playwright fills a form far sooner than the 3 s a person needs (that rule has its own server tests).
 */
async function allowHostSite(admin: APIRequestContext, base: string, hostOrigin: string) {
  const draft = await (await admin.get(`${base}/api/v1/app/draft`)).json();
  const files = draft.package.files as Record<string, any>;
  for (const name of ['contact-us', 'whitepaper-download', 'event-signin']) {
    const form = files[`forms/${name}.json`];
    form.allowedOrigins = [...(form.allowedOrigins ?? []), hostOrigin];
    form.spamProtection = { ...form.spamProtection, minFillSeconds: 0 };
  }
  // a form with a captcha, to check the widget, the token and its single use end to end
  files['forms/newsletter.json'] = {
    ...files['forms/whitepaper-download.json'],
    id: 'newsletter',
    spamProtection: { captcha: 'turnstile', captchaSiteKey: 'site-key-1', minFillSeconds: 0 },
  };
  const saved = await admin.put(`${base}/api/v1/app/draft`, { data: { files } });
  expect(saved.status(), await saved.text()).to.equal(200);
  const published = await admin.post(`${base}/api/v1/app/publish`, { data: { note: 'forms e2e: host site' } });
  expect(published.status(), await published.text()).to.equal(201);
}

/** Walks contact-us: three steps, the budget field appearing for a CEO, consent, submit, thank-you. */
async function fillContactUs(form: FormScope, answers: ContactAnswers, texts: { next: string; thankYou: RegExp }) {
  const next = form.locator('button.lf-primary');
  await form.locator('#lf_name').fill(answers.name);
  await form.locator('#lf_email').fill(answers.email);
  await next.click();

  await form.locator('#lf_company_name').fill(answers.company);
  expect(await form.locator('#lf_budget').count(), 'budget is hidden before a role is chosen').to.equal(0);
  await form.locator('#lf_role').selectOption({ label: answers.role });
  await form.locator('#lf_budget').waitFor();
  await next.click();
  // budget is required for a decision maker: the step does not advance and says so next to the field
  await form.locator('#lf_budget__error').waitFor();
  expect(await form.locator('[data-step]').getAttribute('data-step')).to.equal('company');
  await form.locator('#lf_budget').fill(answers.budget);
  await next.click();

  await form.locator('#lf_notes').fill(answers.notes);
  await form.locator('input[name="consent"]').check();
  expect(await next.textContent()).to.equal(texts.next);
  await next.click();
  const thankYou = form.locator('.lf-thank-you');
  await thankYou.waitFor();
  expect(await thankYou.textContent()).to.match(texts.thankYou);
}

async function leadByEmail(admin: APIRequestContext, base: string, email: string) {
  const filter = encodeURIComponent(JSON.stringify({ email }));
  const answer = await admin.get(`${base}/api/v1/records/lead?filter=${filter}`);
  expect(answer.status(), await answer.text()).to.equal(200);
  const { records } = await answer.json();
  expect(records, `leads with email ${email}`).to.have.length(1);
  return records[0];
}

/**
 * Sends valid contact-us submissions from this process (the same loopback address as the browser) until the
 * form's per-address limit (20 a minute) answers 429; the browser's next submission in this minute is refused too.
 */
async function spendContactUsRateLimit(base: string) {
  const form = await (await fetch(`${base}/api/v1/public/forms/contact-us?tenant=default`)).json();
  for (let i = 0; i < 50; i++) {
    const answer = await fetch(`${base}/api/v1/public/forms/contact-us/submissions?tenant=default`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        answers: { name: `Bulk ${i}`, email: `bulk${i}@example.com`, company_name: 'Bulk Ltd', role: 'manager' },
        hidden: {},
        consent: { accepted: true, version: form.consent.version },
        renderToken: form.renderToken,
      }),
    });
    if (answer.status === 429) return;
    expect(answer.status, await answer.text()).to.equal(201);
  }
  throw new Error('contact-us never answered 429');
}

/** Where the lead came from, as the capture recorded it (its first touch). */
async function firstTouchOf(admin: APIRequestContext, base: string, lead: { id: string }) {
  const answer = await admin.get(`${base}/api/v1/records/lead/${lead.id}/attribution`);
  expect(answer.status(), await answer.text()).to.equal(200);
  const { attribution } = await answer.json();
  return attribution;
}

const SEARCH_ENGINE = 'https://search.example/';

describe('capture forms in the browser', function () {
  this.timeout(120_000);
  let dataDir: string;
  let server: Running;
  let host: Awaited<ReturnType<typeof startHostSite>>;
  let siteVerify: Awaited<ReturnType<typeof startSiteVerify>>;
  let browser: Browser;
  let adminContext: BrowserContext;
  let admin: APIRequestContext;
  let signIn: { email: string; password: string };

  before(async () => {
    const missing = BUILT.filter((p) => !existsSync(p));
    if (missing.length > 0)
      throw new Error(`${missing.join(', ')} missing: run \`npm run build\` before the browser tests`);
    dataDir = await mkdtemp(path.join(tmpdir(), 'lf-forms-'));
    siteVerify = await startSiteVerify();
    server = await startCli(
      ['--data', dataDir],
      cliEnv({ LEADFORGE_CAPTCHA_SECRET: 'test-secret', LEADFORGE_CAPTCHA_VERIFY_URL: siteVerify.url }),
    );
    const printed = /as (\S+@\S+) with password (\S+)/.exec(server.output());
    if (!printed) throw new Error(`leadforge start printed no admin password:\n${server.output()}`);
    signIn = { email: printed[1]!, password: printed[2]! };
    host = await startHostSite(server.url);
    browser = await launchChromium();
    adminContext = await browser.newContext();
    admin = adminContext.request;
    const login = await admin.post(`${server.url}/api/v1/auth/login`, { data: signIn });
    expect(login.status(), await login.text()).to.equal(200);
    await allowHostSite(admin, server.url, host.origin);
  });

  after(async () => {
    await browser?.close();
    await host?.close();
    await siteVerify?.close();
    await server?.stop('SIGTERM');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  describe('the hosted page /f/contact-us', () => {
    let page: Page;
    const url = () => `${server.url}/f/contact-us?utm_source=wechat&utm_campaign=spring-expo`;

    before(async () => {
      page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    });

    it('is not frameable and fits a 375px phone screen with big tap targets', async () => {
      const answer = await page.goto(url());
      expect(answer!.headers()['x-frame-options']).to.equal('DENY');
      expect(answer!.headers()['content-security-policy']).to.match(/frame-ancestors 'none'/);
      await page.locator('#lf_name').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(PHONE.width);
      const button = await page.locator('button.lf-primary').boundingBox();
      expect(button!.height).to.be.at.least(44);
      expect((await page.locator('#lf_name').boundingBox())!.height).to.be.at.least(44);
      // The form speaks the app's language (zh-CN) unless ?lang= says otherwise.
      expect(await page.textContent('.lf-title')).to.equal('联系我们');
      expect(await page.evaluate(() => document.documentElement.lang)).to.equal('zh-CN');
    });

    it('takes a lead through three steps with a conditional field and stores its UTM values', async () => {
      await fillContactUs(
        page,
        {
          name: '王芳',
          email: 'wang.fang@example.cn',
          company: '星辰科技',
          role: '首席执行官',
          budget: '500000',
          notes: '想了解私有化部署',
        },
        { next: '提交', thankYou: /感谢您的留言/ },
      );
      const lead = await leadByEmail(admin, server.url, 'wang.fang@example.cn');
      expect(lead.data).to.include({
        name: '王芳',
        company_name: '星辰科技',
        role: 'ceo',
        budget: 500000,
        utm_source: 'wechat',
        utm_campaign: 'spring-expo',
      });
      const attribution = await firstTouchOf(admin, server.url, lead);
      expect(attribution.firstTouch).to.deep.include({
        channel: 'form',
        form: 'contact-us',
        utm: { source: 'wechat', campaign: 'spring-expo' },
        landingPage: url(),
      });
      expect(attribution.consent).to.include({ accepted: true, version: '2024-06' });
      expect(attribution.consent.text).to.match(/^我同意贵公司按照隐私政策处理我的个人信息/);
    });

    it('signs a visitor in at an event from a QR code address that names the event', async () => {
      await page.goto(`${server.url}/f/event-signin?event=shanghai-expo`);
      await page.locator('#lf_name').fill('赵敏');
      await page.locator('#lf_phone').fill('138 0013 8000');
      await page.locator('#lf_company_name').fill('云帆软件');
      await page.locator('button.lf-primary').click();
      // the second step is optional: sign in straight away
      await page.locator('#lf_title').waitFor();
      expect(await page.textContent('button.lf-primary')).to.equal('签到');
      await page.locator('button.lf-primary').click();
      expect(await page.locator('.lf-thank-you').textContent()).to.match(/签到成功/);
      const filter = encodeURIComponent(JSON.stringify({ company_name: '云帆软件' }));
      const { records } = await (await admin.get(`${server.url}/api/v1/records/lead?filter=${filter}`)).json();
      expect(records).to.have.length(1);
      expect(records[0].data).to.include({ name: '赵敏', phone: '+8613800138000', utm_campaign: 'shanghai-expo' });
      const attribution = await firstTouchOf(admin, server.url, records[0]);
      expect(attribution.firstTouch).to.deep.include({ channel: 'event', form: 'event-signin' });
      expect(attribution.firstTouch.params).to.deep.equal({ event: 'shanghai-expo' });
    });

    it('shows the form in English with ?lang=en', async () => {
      await page.goto(`${server.url}/f/contact-us?lang=en`);
      await page.locator('.lf-title', { hasText: 'Contact us' }).waitFor();
      expect(await page.textContent('label[for="lf_name"]')).to.match(/^Your name/);
    });
  });

  describe('the script embed on another site', () => {
    let page: Page;

    before(async () => {
      page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    });

    it('mounts in place, untouched by the host page’s styles', async () => {
      await page.goto(`${host.origin}/pricing?utm_source=newsletter&utm_campaign=june-digest`, {
        referer: SEARCH_ENGINE,
      });
      const name = page.locator('#lf_name');
      await name.waitFor();
      expect(await name.isVisible(), 'the host’s `input{display:none}` does not reach the form').to.equal(true);
      expect(page.frames()).to.have.length(1);
      const order = await page.evaluate(() => {
        const form = document.querySelector('[data-leadforge-form]');
        return [form?.previousElementSibling?.tagName, form?.nextElementSibling?.id];
      });
      expect(order).to.deep.equal(['SCRIPT', 'after-form']);
    });

    it('takes the same multi-step conditional fill and records the host page’s UTM values', async () => {
      await fillContactUs(
        page,
        {
          name: 'Olivia Chen',
          email: 'olivia.chen@example.com',
          company: 'Northwind',
          role: 'CTO',
          budget: '120000',
          notes: 'Evaluating for Q3',
        },
        { next: 'Send', thankYou: /An advisor will contact you/ },
      );
      const lead = await leadByEmail(admin, server.url, 'olivia.chen@example.com');
      expect(lead.data).to.include({ role: 'cto', utm_source: 'newsletter', utm_campaign: 'june-digest' });
      const attribution = await firstTouchOf(admin, server.url, lead);
      expect(attribution.firstTouch).to.deep.include({
        channel: 'form',
        form: 'contact-us',
        utm: { source: 'newsletter', campaign: 'june-digest' },
        referrer: SEARCH_ENGINE,
        landingPage: `${host.origin}/pricing?utm_source=newsletter&utm_campaign=june-digest`,
      });
      // the visitor read the English consent text, and that is the text stored
      expect(attribution.consent.text).to.match(/^I agree that you process my personal data/);
    });
  });

  describe('the iframe embed on another site', () => {
    let page: Page;
    let frame: FrameLocator;

    before(async () => {
      page = await browser.newPage({ viewport: PHONE });
      frame = page.frameLocator('iframe[data-leadforge-form="contact-us"]');
    });
    const hostPage = () => `${host.origin}/partners?utm_source=partner-portal&utm_campaign=reseller-q2`;

    it('may be framed by the form’s allowed origins only', async () => {
      const [framed] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/f/contact-us?embed=iframe')),
        page.goto(hostPage(), { referer: SEARCH_ENGINE }),
      ]);
      expect(framed.headers()).to.not.have.property('x-frame-options');
      const ancestors = /frame-ancestors ([^;]+)/.exec(framed.headers()['content-security-policy'] ?? '')?.[1];
      expect(ancestors?.split(' ')).to.include.members([host.origin, 'https://www.example.com']);
      await frame.locator('#lf_name').waitFor();
    });

    it('grows the iframe as a conditional field appears, so the form never scrolls inside it', async () => {
      const fitsContent = async () => {
        const content = await frame.locator('html').evaluate((html) => Math.ceil(html.getBoundingClientRect().height));
        await page.waitForFunction(
          (height) =>
            Math.abs(document.querySelector('iframe[data-leadforge-form]')!.getBoundingClientRect().height - height) <=
            1,
          content,
        );
        return content;
      };
      await frame.locator('#lf_name').fill('Height Check');
      await frame.locator('#lf_email').fill('height.check@example.com');
      await frame.locator('button.lf-primary').click();
      await frame.locator('#lf_role').waitFor();
      const before = await fitsContent();
      await frame.locator('#lf_role').selectOption({ label: '首席执行官' });
      await frame.locator('#lf_budget').waitFor();
      expect(await fitsContent()).to.be.greaterThan(before);
      await page.reload();
    });

    it('takes the same multi-step conditional fill and records the host page’s UTM values', async () => {
      await fillContactUs(
        frame,
        {
          name: '李雷',
          email: 'li.lei@example.cn',
          company: '远航物流',
          role: '副总裁',
          budget: '80000',
          notes: '渠道合作',
        },
        { next: '提交', thankYou: /感谢您的留言/ },
      );
      const lead = await leadByEmail(admin, server.url, 'li.lei@example.cn');
      expect(lead.data).to.include({ role: 'vp', utm_source: 'partner-portal', utm_campaign: 'reseller-q2' });
      const attribution = await firstTouchOf(admin, server.url, lead);
      expect(attribution.firstTouch).to.deep.include({
        channel: 'form',
        form: 'contact-us',
        utm: { source: 'partner-portal', campaign: 'reseller-q2' },
        referrer: SEARCH_ENGINE,
        landingPage: hostPage(),
      });
    });
  });

  describe('a submitted value containing HTML', () => {
    const MARKUP = '<img src=x onerror="window.__xss=1">Evil Corp';
    let page: Page;

    before(async () => {
      page = await adminContext.newPage();
    });

    it('is held in quarantine as spam, not run, when submitted through a form', async () => {
      await page.goto(`${server.url}/f/whitepaper-download?lang=en`);
      await page.locator('#lf_name').fill('Mallory');
      await page.locator('#lf_email').fill('mallory@example.com');
      await page.locator('#lf_company_name').fill(MARKUP);
      await page.locator('button.lf-primary').click();
      await page.locator('.lf-thank-you').waitFor();
      expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).to.equal(undefined);
      const { submissions } = await (await admin.get(`${server.url}/api/v1/capture/quarantine`)).json();
      const held = submissions.find(
        (s: any) => s.form === 'whitepaper-download' && s.data.email === 'mallory@example.com',
      );
      expect(held?.reasons).to.include('html in company_name');
      const released = await admin.post(`${server.url}/api/v1/capture/quarantine/${held.id}/release`, { data: {} });
      expect(released.status(), await released.text()).to.equal(200);
    });

    it('is shown as text in the web app’s record panel once released, and never runs', async () => {
      await page.goto(server.url);
      const row = page.locator('table.records tr', { hasText: 'Mallory' });
      await row.waitFor();
      await row.locator('td[data-field="name"] button').click();
      const company = page.locator('.drawer .field-row[data-field="company_name"] dd');
      await company.waitFor();
      expect(await company.textContent()).to.equal(MARKUP);
      expect(await page.locator('img').count()).to.equal(0);
      expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).to.equal(undefined);
    });
  });

  describe('a form with a captcha', () => {
    let page: Page;

    before(async () => {
      page = await browser.newPage({ viewport: PHONE });
      await page.route('https://challenges.cloudflare.com/turnstile/v0/api.js*', (route) =>
        route.fulfill({ contentType: 'text/javascript', body: FAKE_TURNSTILE }),
      );
    });

    it('draws the provider’s widget and will not send before it is solved', async () => {
      const answer = await page.goto(`${server.url}/f/newsletter?lang=en`);
      expect(answer!.headers()['content-security-policy']).to.match(
        /script-src [^;]*https:\/\/challenges\.cloudflare\.com/,
      );
      await page.locator('#lf_name').fill('Ada Wong');
      await page.locator('#lf_email').fill('ada.wong@example.com');
      await page.locator('.fake-turnstile').waitFor();
      await page.locator('button.lf-primary').click();
      expect(await page.locator('.lf-banner').textContent()).to.equal('Please complete the check above.');
    });

    it('sends a token once; after the provider rejects it the widget is reset and a new token goes through', async () => {
      await page.evaluate(() => Object.assign(window, { __captchaOutcome: 'fail' }));
      await page.locator('.fake-turnstile').click();
      const [rejected] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/submissions')),
        page.locator('button.lf-primary').click(),
      ]);
      expect(rejected.status()).to.equal(422);
      await page.locator('.lf-banner').waitFor();
      expect(await page.evaluate(() => (window as { __captchaResets?: number }).__captchaResets)).to.equal(1);
      await page.evaluate(() => Object.assign(window, { __captchaOutcome: 'pass' }));
      await page.locator('.fake-turnstile').click();
      const [accepted] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/submissions')),
        page.locator('button.lf-primary').click(),
      ]);
      expect(accepted.status()).to.equal(201);
      await page.locator('.lf-thank-you').waitFor();
      expect(siteVerify.tokens.map((t) => t.split('-')[0])).to.deep.equal(['fail', 'pass']);
      await leadByEmail(admin, server.url, 'ada.wong@example.com');
    });
  });

  describe('when the server says no', () => {
    let page: Page;

    before(async () => {
      page = await browser.newPage({ viewport: PHONE });
    });

    it('shows the server’s 422 next to its field, in the form’s language, back on that field’s step', async () => {
      await page.goto(`${server.url}/f/contact-us`);
      // 12345 passes the schema's phone pattern; only the server's E.164 check knows it is no phone number
      await page.locator('#lf_name').fill('周杰');
      await page.locator('#lf_email').fill('zhou.jie@example.cn');
      await page.locator('#lf_phone').fill('12345');
      await page.locator('button.lf-primary').click();
      await page.locator('#lf_company_name').fill('蓝海咨询');
      await page.locator('#lf_role').selectOption({ label: '经理' });
      await page.locator('button.lf-primary').click();
      await page.locator('input[name="consent"]').check();
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/submissions')),
        page.locator('button.lf-primary').click(),
      ]);
      expect(answer.status()).to.equal(422);
      const error = page.locator('#lf_phone__error');
      await error.waitFor();
      expect(await page.locator('[data-step]').getAttribute('data-step')).to.equal('about-you');
      expect(await error.textContent()).to.match(/[\u4e00-\u9fff]/);
      await page.locator('#lf_phone').fill('021 6888 1234');
      expect(await error.count(), 'the message goes once the field is changed').to.equal(0);
      await page.locator('button.lf-primary').click();
      await page.locator('button.lf-primary').click();
      await page.locator('button.lf-primary').click();
      await page.locator('.lf-thank-you').waitFor();
      const lead = await leadByEmail(admin, server.url, 'zhou.jie@example.cn');
      expect(lead.data.phone).to.equal('+862168881234');
    });

    it('asks to try again later on a 429 and keeps the answers', async () => {
      await page.goto(`${server.url}/f/contact-us`);
      await page.locator('#lf_name').fill('孙丽');
      await page.locator('#lf_email').fill('sun.li@example.cn');
      await page.locator('button.lf-primary').click();
      await page.locator('#lf_company_name').fill('青木科技');
      await page.locator('#lf_role').selectOption({ label: '经理' });
      await page.locator('button.lf-primary').click();
      await page.locator('input[name="consent"]').check();
      await spendContactUsRateLimit(server.url);
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/submissions')),
        page.locator('button.lf-primary').click(),
      ]);
      expect(answer.status()).to.equal(429);
      const banner = page.locator('.lf-banner');
      await banner.waitFor();
      expect(await banner.textContent()).to.match(/请.*秒后再试/);
      expect(await page.locator('input[name="consent"]').isChecked()).to.equal(true);
      await page.locator('button.lf-back').click();
      expect(await page.locator('#lf_company_name').inputValue()).to.equal('青木科技');
    });
  });
});
