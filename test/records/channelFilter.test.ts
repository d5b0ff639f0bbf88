import { expect } from 'chai';
import { aLead } from '../support/personas.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';

describe('records API: $channel in a list filter', function () {
  this.timeout(60_000);
  let rt: TestRuntime;

  async function captured(name: string, channel?: string): Promise<void> {
    const body = { ...aLead({ name }), ...(channel ? { attribution: { channel } } : {}) };
    const r = await rt.admin.post('/api/v1/capture/lead', body);
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
  }

  async function names(filter: unknown): Promise<string[]> {
    const r = await rt.admin.get(`/api/v1/records/lead?filter=${encodeURIComponent(JSON.stringify(filter))}&limit=200`);
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    return (r.body.records as { data: { name: string } }[]).map((x) => x.data.name).sort();
  }

  before(async () => {
    rt = await startTestRuntime();
    await captured('at the trade show', 'event');
    await captured('through the API', 'api');
    await captured('entered by hand'); // a signed-in session's channel: manual
    const typed = await rt.admin.post('/api/v1/records/lead', aLead({ name: 'no capture at all' }));
    expect(typed.status).to.equal(201);
  });
  after(async () => rt?.close());

  it('lists the records whose first touch came through a channel, and those without one', async () => {
    expect(await names({ $channel: 'event' })).to.deep.equal(['at the trade show']);
    expect(await names({ $channel: 'manual' })).to.deep.equal(['entered by hand']);
    expect(await names({ $not: { $channel: 'event' } })).to.not.include('at the trade show');
    const withoutTouch = await names({ $channel: null });
    expect(withoutTouch).to.not.include.members(['at the trade show', 'through the API', 'entered by hand']);
    expect(withoutTouch).to.include('no capture at all');
  });

  it('refuses a value that is not a channel name with a 4xx naming $channel', async () => {
    for (const value of [7, '', { $ne: 'ads' }]) {
      const r = await rt.admin.get(
        `/api/v1/records/lead?filter=${encodeURIComponent(JSON.stringify({ $channel: value }))}`,
      );
      expect(r.status, JSON.stringify(value)).to.be.within(400, 422);
      expect(JSON.stringify(r.body.error.details ?? r.body.error), JSON.stringify(value)).to.contain('$channel');
    }
  });
});
