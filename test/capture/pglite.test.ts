import { expect } from 'chai';
import { manualClock } from '../support/manualClock.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';

describe('capture on embedded PGlite (what `npm start` uses)', function () {
  this.timeout(60_000);
  let rt: TestRuntime;
  const clock = manualClock();
  before(async () => {
    rt = await startTestRuntime({ driver: 'pglite', clock });
  });
  after(async () => rt?.close());

  async function submit(email: string) {
    const opened = await rt.admin.get('/api/v1/public/forms/whitepaper-download');
    clock.advance(10_000);
    return rt.admin.post('/api/v1/public/forms/whitepaper-download/submissions', {
      answers: { name: 'Embedded', email },
      hidden: { utm_source: 'pglite' },
      renderToken: opened.body.renderToken,
    });
  }

  it('captures a submission and merges its resubmission, as on PostgreSQL', async () => {
    expect((await submit('embedded@example.com')).status).to.equal(201);
    expect((await submit('EMBEDDED@example.com')).status).to.equal(201);
    const { rows } = await rt.ctx.db.query<{ n: number; touches: number }>(
      "SELECT count(*)::int AS n, max((attribution->>'touches')::int) AS touches FROM records WHERE data->>'email' = 'embedded@example.com'",
    );
    expect(rows[0]).to.deep.equal({ n: 1, touches: 2 });
  });
});
