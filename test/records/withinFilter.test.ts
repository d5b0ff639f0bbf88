import { expect } from 'chai';
import { type ManualClock, manualClock } from '../support/manualClock.js';
import { aLead } from '../support/personas.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';

const DAY = 86_400_000;

// The b2b-saas template counts days in Asia/Shanghai (UTC+8): its first business calendar's zone.
describe('records API: $within in a list filter', function () {
  this.timeout(60_000);
  const now = new Date('2026-03-02T01:00:00Z'); // 09:00 on 2 March in Shanghai, still 1 March in UTC
  let clock: ManualClock;
  let rt: TestRuntime;

  async function leadCreatedAt(at: Date, name: string): Promise<void> {
    clock.set(at);
    const admin = await rt.signIn(rt.adminEmail, rt.adminPassword); // a session of that moment
    const r = await admin.post('/api/v1/records/lead', aLead({ name }));
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
  }

  async function namesWithin(range: string): Promise<string[]> {
    const filter = JSON.stringify({ createdAt: { $within: range } });
    const admin = await rt.signIn(rt.adminEmail, rt.adminPassword);
    const r = await admin.get(`/api/v1/records/lead?filter=${encodeURIComponent(filter)}&limit=200`);
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    return (r.body.records as { data: { name: string } }[]).map((x) => x.data.name).sort();
  }

  before(async () => {
    clock = manualClock(now);
    rt = await startTestRuntime({ clock });
    await leadCreatedAt(new Date(now.getTime() - 40 * DAY), 'forty days ago');
    await leadCreatedAt(new Date(now.getTime() - 10 * DAY), 'ten days ago');
    await leadCreatedAt(new Date('2026-03-01T15:00:00Z'), 'late on 1 March in Shanghai'); // 23:00 on 1 March in Shanghai
    await leadCreatedAt(new Date('2026-03-01T17:00:00Z'), 'just after midnight in Shanghai'); // 01:00 on 2 March
    clock.set(now);
  });
  after(async () => rt?.close());

  it('answers the records created in the last 30 days by the runtime clock, not the older ones', async () => {
    const names = await namesWithin('last_30_days');
    expect(names).to.include.members([
      'ten days ago',
      'late on 1 March in Shanghai',
      'just after midnight in Shanghai',
    ]);
    expect(names).not.to.include('forty days ago');
  });

  it("counts days in the app's time zone: today is 2 March in Shanghai though it is 1 March in UTC", async () => {
    expect(await namesWithin('today')).to.deep.equal(['just after midnight in Shanghai']);
    expect(await namesWithin('yesterday')).to.deep.equal(['late on 1 March in Shanghai']);
  });

  it('follows the clock: forty days on, the last 30 days hold none of them', async () => {
    clock.set(new Date(now.getTime() + 40 * DAY));
    expect(await namesWithin('last_30_days')).to.deep.equal([]);
    clock.set(now);
  });
});
