import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { formsApi } from '../../runtime/forms/src/api/formsApi.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A stand-in for the public forms API answering what each test sets; the real one is tested in test/e2e. */
function mockServer(answer: (seen: Seen) => { status: number; body?: unknown; headers?: Record<string, string> }) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const request = { method: req.method!, url: req.url!, headers: req.headers, body };
      seen.push(request);
      const reply = answer(request);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  return new Promise<{ origin: string; seen: Seen[]; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        seen,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

const submission = { answers: { name: 'Li' }, hidden: { utm_source: 'qr' }, renderToken: 'rt' };

describe('forms: talking to the public forms API', () => {
  it('loads a form by name and tenant', async () => {
    const mock = await mockServer(() => ({ status: 200, body: { form: 'contact-us' } }));
    const outcome = await formsApi(mock.origin).load('contact-us', 'acme');
    await mock.close();
    expect(outcome).to.deep.equal({ kind: 'loaded', form: { form: 'contact-us' } });
    expect(mock.seen[0]!.url).to.equal('/api/v1/public/forms/contact-us?tenant=acme');
  });

  it('tells a missing form from a failure', async () => {
    const mock = await mockServer((s) => ({
      status: s.url.includes('gone') ? 404 : 500,
      body: { error: { message: 'boom' } },
    }));
    const api = formsApi(mock.origin);
    expect(await api.load('gone', 'default')).to.deep.equal({ kind: 'notFound' });
    expect(await api.load('broken', 'default')).to.deep.equal({ kind: 'failed', message: 'boom' });
    await mock.close();
  });

  it('posts the submission as JSON with its idempotency key and locale, and reads the thank-you', async () => {
    const mock = await mockServer(() => ({
      status: 201,
      body: { status: 'accepted', submissionId: 's1', thankYou: { message: { en: 'Thanks' } } },
    }));
    const outcome = await formsApi(mock.origin).submit('contact-us', 'default', submission, 'lf-key-1', 'zh-CN');
    await mock.close();
    expect(outcome).to.deep.equal({
      kind: 'accepted',
      receipt: { status: 'accepted', thankYou: { message: { en: 'Thanks' } } },
    });
    const [request] = mock.seen;
    expect(request).to.include({
      method: 'POST',
      url: '/api/v1/public/forms/contact-us/submissions?tenant=default&locale=zh-CN',
    });
    expect(request!.headers['idempotency-key']).to.equal('lf-key-1');
    expect(request!.headers['content-type']).to.equal('application/json');
    expect(JSON.parse(request!.body)).to.deep.equal(submission);
  });

  it('counts a queued or held submission as received', async () => {
    const mock = await mockServer(() => ({ status: 202, body: { status: 'queued' } }));
    const outcome = await formsApi(mock.origin).submit('contact-us', 'default', submission, 'k', 'en');
    await mock.close();
    expect(outcome).to.deep.equal({ kind: 'accepted', receipt: { status: 'queued', thankYou: null } });
  });

  it('hands back the field errors of a 422', async () => {
    const details = [
      { path: '/answers/email', message: '邮箱格式不正确' },
      { path: 3, message: 'not a detail' },
    ];
    const mock = await mockServer(() => ({ status: 422, body: { error: { code: 'INVALID', details } } }));
    const outcome = await formsApi(mock.origin).submit('contact-us', 'default', submission, 'k', 'en');
    await mock.close();
    expect(outcome).to.deep.equal({ kind: 'invalid', details: [details[0]] });
  });

  it('reads Retry-After from a 429', async () => {
    const mock = await mockServer(() => ({ status: 429, headers: { 'retry-after': '30' }, body: { error: {} } }));
    const outcome = await formsApi(mock.origin).submit('contact-us', 'default', submission, 'k', 'en');
    await mock.close();
    expect(outcome).to.deep.equal({ kind: 'throttled', retryAfterSeconds: 30 });
  });

  it('reports an unreachable server as a failure, not a throw', async () => {
    const mock = await mockServer(() => ({ status: 200 }));
    await mock.close();
    const outcome = await formsApi(mock.origin).submit('contact-us', 'default', submission, 'k', 'en');
    expect(outcome.kind).to.equal('failed');
  });
});
