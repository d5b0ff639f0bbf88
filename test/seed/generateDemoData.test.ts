import { expect } from 'chai';
import { demoMonths } from '../../runtime/src/seed/demoCalendar.js';
import { LEAD_FLOW } from '../../runtime/src/seed/demoLead.js';
import { CHANNELS } from '../../runtime/src/seed/demoVocabulary.js';
import { generateDemoBatches, generateDemoData } from '../../runtime/src/seed/generateDemoData.js';

const now = new Date('2026-11-20T08:00:00.000Z');
const demo = (leads: number, seed: number) => generateDemoData({ leads, seed, now });

describe('seed: demo data generator', () => {
  const data = demo(1500, 7);

  it('gives identical data for the same leads, seed and now', () => {
    expect(JSON.stringify(demo(300, 7))).to.equal(JSON.stringify(demo(300, 7)));
  });

  it('gives different data for a different seed', () => {
    const a = demo(50, 7);
    const b = demo(50, 8);
    expect(a.leads.map((l) => l.id)).to.not.deep.equal(b.leads.map((l) => l.id));
    expect(a.leads.map((l) => l.data['name'])).to.not.deep.equal(b.leads.map((l) => l.data['name']));
  });

  it('gives the same leads whatever the batch size', () => {
    const whole = demo(120, 3);
    const batches = [...generateDemoBatches({ leads: 120, seed: 3, now }, 50)];
    expect(batches).to.have.length(3);
    expect(batches.flatMap((b) => b.leads)).to.deep.equal(whole.leads);
    expect(batches.flatMap((b) => b.events)).to.deep.equal(whole.events);
    expect(batches[0]!.users).to.deep.equal(whole.users);
    expect(batches[1]!.users).to.deep.equal([]);
  });

  it('has three teams with managers and eight reps who own every lead', () => {
    expect(data.teams).to.have.length(3);
    const reps = data.users.filter((u) => u.role === 'rep');
    expect(reps).to.have.length(8);
    for (const t of data.teams) expect(data.users.find((u) => u.id === t.managerId)?.role).to.equal('manager');
    const repIds = new Set(reps.map((r) => r.id));
    for (const l of data.leads) {
      expect(repIds.has(l.ownerId!)).to.equal(true);
      expect(l.teamId).to.equal(reps.find((r) => r.id === l.ownerId)!.teamId);
    }
  });

  it('spreads leads over the 12 months before now, on every channel', () => {
    const start = now.getTime() - 365 * 86_400_000;
    for (const l of data.leads) {
      const t = Date.parse(l.createdAt);
      expect(t).to.be.within(start, now.getTime());
    }
    expect(new Set(data.leads.map((l) => l.data['source_channel']))).to.have.keys([...CHANNELS]);
  });

  it('walks each lead through the pipeline in order, without skips, ending in its current stage', () => {
    const stays = new Map<string, (typeof data.stageHistory)[number][]>();
    for (const s of data.stageHistory) stays.set(s.recordId, [...(stays.get(s.recordId) ?? []), s]);
    for (const lead of data.leads) {
      const own = stays.get(lead.id)!;
      expect(own[0]!.stage).to.equal('new');
      expect(own[0]!.enteredAt).to.equal(lead.createdAt);
      own.forEach((s, i) => {
        if (i === 0) return;
        const prev = own[i - 1]!;
        expect(s.fromStage).to.equal(prev.stage);
        expect(prev.exitedAt).to.equal(s.enteredAt);
        expect(prev.durationMs).to.equal(Date.parse(prev.exitedAt!) - Date.parse(prev.enteredAt));
        if (s.stage !== 'lost')
          expect(LEAD_FLOW.indexOf(s.stage as never)).to.equal(LEAD_FLOW.indexOf(prev.stage as never) + 1);
        else expect(s.reason).to.be.a('string');
      });
      expect(own.filter((s) => s.exitedAt === null)).to.have.length(1);
      expect(own.at(-1)!.stage).to.equal(lead.data['stage']);
    }
  });

  it('loses some leads at every forward stage and wins some', () => {
    const lostFrom = new Set(data.stageHistory.filter((s) => s.stage === 'lost').map((s) => s.fromStage));
    expect([...lostFrom].sort()).to.deep.equal(['first_contact', 'needs_assessment', 'negotiation', 'new', 'proposal']);
    expect(data.leads.filter((l) => l.data['stage'] === 'won').length).to.be.greaterThan(50);
  });

  it('gives every lead that reached needs assessment one opportunity whose stage and amount match it', () => {
    const reached = new Set(data.stageHistory.filter((s) => s.stage === 'needs_assessment').map((s) => s.recordId));
    expect(data.opportunities.map((o) => o.data['lead']).sort()).to.deep.equal([...reached].sort());
    const leads = new Map(data.leads.map((l) => [l.id, l]));
    for (const o of data.opportunities) {
      const lead = leads.get(o.data['lead'] as string)!;
      const stage = lead.data['stage'];
      expect(o.data['stage']).to.equal(stage);
      expect(o.ownerId).to.equal(lead.ownerId);
      if (stage === 'won') expect(o.data['amount']).to.be.a('number').greaterThan(0);
    }
  });

  it('has a cost record for every channel and month', () => {
    const keys = new Set(data.channelCosts.map((c) => `${c.data['channel']}|${c.data['month']}`));
    for (const m of demoMonths(now.getTime()))
      for (const ch of CHANNELS) expect(keys.has(`${ch}|${m.month}`)).to.equal(true);
    expect(data.channelCosts).to.have.length(CHANNELS.length * demoMonths(now.getTime()).length);
    for (const c of data.channelCosts) expect(c.data['cost']).to.be.greaterThan(0);
  });

  it('has goals for every rep each month and every team each quarter', () => {
    const reps = data.users.filter((u) => u.role === 'rep');
    const months = demoMonths(now.getTime());
    expect(data.goals.filter((g) => g.data['user'] !== undefined)).to.have.length(reps.length * months.length);
    const teamGoals = data.goals.filter((g) => g.data['team_id'] !== undefined);
    expect(new Set(teamGoals.map((g) => g.data['team_id']))).to.have.keys(data.teams.map((t) => t.id));
    for (const g of teamGoals)
      expect((g.data['period_end'] as string) > (g.data['period_start'] as string)).to.equal(true);
  });

  it('keeps the fit score, grade and MQL consistent with the lead', () => {
    const fit = new Map(data.scores.filter((s) => s.model === 'fit').map((s) => [s.recordId, s]));
    for (const l of data.leads) {
      const s = fit.get(l.id)!;
      expect(l.data['score']).to.equal(s.score);
      expect(l.data['grade']).to.equal(s.grade);
      expect(s.mql).to.equal(s.score >= 60);
      if (s.mql) expect(Date.parse(s.mqlAt!)).to.be.within(Date.parse(l.createdAt), now.getTime());
    }
    expect(data.scores.filter((s) => s.mql).length).to.be.greaterThan(0);
  });

  it('logs activities by the owner and events on the lead, none after now', () => {
    const leads = new Map(data.leads.map((l) => [l.id, l]));
    for (const a of data.activities) {
      expect(a.actorId).to.equal(leads.get(a.recordId)!.ownerId);
      expect(Date.parse(a.occurredAt)).to.be.at.most(now.getTime());
    }
    for (const e of data.events) {
      expect(Date.parse(e.at)).to.be.within(Date.parse(leads.get(e.recordId)!.createdAt), now.getTime());
    }
    const formLeads = data.leads.filter((l) =>
      ['web_form', 'ads', 'event'].includes(l.data['source_channel'] as string),
    );
    const submitted = new Set(data.events.filter((e) => e.type === 'form.submitted').map((e) => e.recordId));
    for (const l of formLeads) expect(submitted.has(l.id)).to.equal(true);
  });

  it('refuses a negative lead count, naming the option', () => {
    expect(() => generateDemoData({ leads: -1, seed: 1, now })).to.throw(/bad demo data options/);
  });
});
