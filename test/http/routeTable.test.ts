import { expect } from 'chai';
import { client } from '../support/http.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';

describe('routes: one table per API area', function () {
  this.timeout(60_000);
  let rt: TestRuntime;

  before(async () => {
    rt = await startTestRuntime({ driver: 'pglite' });
  });
  after(async () => rt?.close());

  it('reaches routes in every area and outside them', async () => {
    expect((await client(rt.url).get('/api/health')).status).to.equal(200);
    expect((await rt.admin.get('/api/v1/records/lead?limit=1')).status).to.equal(200);
    expect((await rt.admin.get('/api/v1/reports')).status).to.equal(200);
    expect((await rt.admin.get('/api/v1/auth/me')).status).to.equal(200);
  });

  it('matches an area whatever its case, as the routes themselves are matched', async () => {
    expect((await rt.admin.get('/API/V1/Records/lead?limit=1')).status).to.equal(200);
  });

  it('answers 404 naming the path for an unknown area and for an unknown path in a known one', async () => {
    for (const path of ['/api/v1/nowhere', '/api/v1/records/lead/not-a-uuid/nothing/here', '/api/v1', '/api/v1/']) {
      const reply = await rt.admin.get(path);
      expect(reply.status, path).to.equal(404);
      expect(reply.body.error.code, path).to.equal('NOT_FOUND');
      expect(reply.body.error.message, path).to.contain(`no route GET ${path}`);
    }
  });
});
