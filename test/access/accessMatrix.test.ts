import { expect } from 'chai';
import { allRoutes } from '../../runtime/src/server/createHttpApp.js';
import type { Client, Reply } from '../support/http.js';
import { aLead, type Personas, setUpPersonas } from '../support/personas.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';
import { REPORT_ADMIN_ROUTES, REPORT_SCENARIOS } from './reportScenarios.js';
import { ROUTING_ADMIN_ROUTES, ROUTING_SCENARIOS } from './routingScenarios.js';

type PersonaName = 'repA' | 'repB' | 'managerNorth' | 'managerSouth' | 'otherTenantAdmin' | 'anonymous';
const PERSONAS: readonly PersonaName[] = [
  'repA',
  'repB',
  'managerNorth',
  'managerSouth',
  'otherTenantAdmin',
  'anonymous',
];
/** Who may see rep A's leads: A, and A's manager (team scope). Not B (own scope), not South, not another tenant. */
const SEES_A: ReadonlySet<PersonaName> = new Set(['repA', 'managerNorth']);

interface Fixture {
  readonly rt: TestRuntime;
  readonly p: Personas;
  /** A lead owned by rep A, with a unique word in its name for search. */
  readonly leadId: string;
  readonly marker: string;
}

type Scenario = (f: Fixture, who: PersonaName, as: Client) => Promise<void>;

const visibleCount = (r: Reply) => (r.body.records as { id: string }[]).length;

function expectAnonymousRefused(who: PersonaName, r: Reply): boolean {
  if (who !== 'anonymous') return false;
  expect(r.status, 'anonymous').to.equal(401);
  expect(r.body.error.code).to.equal('UNAUTHENTICATED');
  return true;
}

async function currentVersion(f: Fixture): Promise<number> {
  const r = await f.p.managerNorth.get(`/api/v1/records/lead/${f.leadId}`);
  return r.body.version;
}

/** A lead of rep A waiting for approval of a move to Proposal (a fresh one while the last is pending-free). */
async function pendingApprovalOfRepA(f: Fixture): Promise<string> {
  const listed = await f.p.managerNorth.get('/api/v1/approvals?status=pending');
  const open = (listed.body.approvals as { id: string; requestedBy: string }[]).find(
    (a) => a.requestedBy === f.p.ids.repA,
  );
  if (open) return open.id;
  const lead = await f.p.repA.post('/api/v1/records/lead', aLead({ company_name: 'Approvals Ltd' }));
  for (const stage of ['first_contact', 'needs_assessment'])
    await f.p.repA.post(`/api/v1/records/lead/${lead.body.id}/transition`, { stage });
  await f.p.managerNorth.patch(`/api/v1/records/lead/${lead.body.id}`, {
    version: (await f.p.managerNorth.get(`/api/v1/records/lead/${lead.body.id}`)).body.version,
    data: { budget: 1000, decision_maker: 'Ms Wang', last_contacted_at: '2026-03-01T10:00:00Z' },
  });
  const r = await f.p.repA.post(`/api/v1/records/lead/${lead.body.id}/transition`, { stage: 'proposal' });
  expect(r.status, JSON.stringify(r.body)).to.equal(202);
  return r.body.approval.id;
}

/** One scenario per route: what each persona gets when it aims at rep A's lead. */
const SCENARIOS: Record<string, Scenario> = {
  'GET /api/health': async (_f, _who, as) => {
    expect((await as.get('/api/health')).status).to.equal(200);
  },
  'POST /api/v1/auth/login': async (_f, who, as) => {
    const r = await as.post('/api/v1/auth/login', { email: `nobody.${who}@example.com`, password: 'wrong password!' });
    expect(r.status).to.equal(401);
  },
  'POST /api/v1/auth/logout': async (_f, who, as) => {
    if (who === 'anonymous') expect((await as.post('/api/v1/auth/logout')).status).to.equal(401);
    // signed-in personas are exercised by the session tests; logging them out here would end their sessions
  },
  'GET /api/v1/auth/me': async (f, who, as) => {
    const r = await as.get('/api/v1/auth/me');
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(200);
    if (who !== 'otherTenantAdmin') expect(r.body.user.id).to.equal(f.p.ids[who as 'repA']);
    else expect(r.body.user.tenantId).to.equal('acme');
  },
  'GET /api/v1/app': async (_f, who, as) => {
    const r = await as.get('/api/v1/app');
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(200);
    expect(r.body.objects.map((o: { name: string }) => o.name)).to.include('lead');
  },
  'GET /api/v1/tokens': async (_f, who, as) => {
    const r = await as.get('/api/v1/tokens');
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(200);
  },
  'POST /api/v1/tokens': async (_f, who, as) => {
    const r = await as.post('/api/v1/tokens', { name: `matrix ${who}` });
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(201);
  },
  'DELETE /api/v1/tokens/:id': async (f, who, as) => {
    const made = await f.p.repA.post('/api/v1/tokens', { name: 'not yours' });
    const r = await as.delete(`/api/v1/tokens/${made.body.id}`);
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(who === 'repA' ? 204 : 404);
  },
  'GET /api/v1/records/:object': async (f, who, as) => {
    const r = await as.get(`/api/v1/records/lead?filter=${encodeURIComponent(JSON.stringify({ id: f.leadId }))}`);
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(200);
    expect(visibleCount(r)).to.equal(SEES_A.has(who) ? 1 : 0);
    const all = await as.get('/api/v1/records/lead?limit=500');
    const ids = (all.body.records as { id: string }[]).map((x) => x.id);
    expect(ids.includes(f.leadId)).to.equal(SEES_A.has(who));
  },
  'POST /api/v1/records/:object/query': async (f, who, as) => {
    const r = await as.post('/api/v1/records/lead/query', { filter: { $or: [{}, { id: f.leadId }] }, limit: 500 });
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(200);
    const ids = (r.body.records as { id: string }[]).map((x) => x.id);
    expect(ids.includes(f.leadId)).to.equal(SEES_A.has(who));
  },
  'GET /api/v1/records/:object/count': async (f, who, as) => {
    const r = await as.get(`/api/v1/records/lead/count?filter=${encodeURIComponent(JSON.stringify({ id: f.leadId }))}`);
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(200);
    expect(r.body.count).to.equal(SEES_A.has(who) ? 1 : 0);
  },
  'GET /api/v1/records/:object/search': async (f, who, as) => {
    const r = await as.get(`/api/v1/records/lead/search?q=${f.marker}`);
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(200);
    expect(visibleCount(r)).to.equal(SEES_A.has(who) ? 1 : 0);
  },
  'GET /api/v1/records/:object/export': async (f, who, as) => {
    const r = await as.get('/api/v1/records/lead/export');
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(200);
    expect(r.text.includes(f.leadId)).to.equal(SEES_A.has(who));
  },
  'POST /api/v1/records/:object': async (f, who, as) => {
    const r = await as.post('/api/v1/records/lead', { ...aLead(), owner: f.p.ids.repA });
    if (expectAnonymousRefused(who, r)) return;
    // only A (as themself) and A's manager may make a lead owned by A
    expect(r.status).to.equal(SEES_A.has(who) ? 201 : who === 'otherTenantAdmin' ? 422 : 403);
  },
  'GET /api/v1/records/:object/:id': async (f, who, as) => {
    const r = await as.get(`/api/v1/records/lead/${f.leadId}`);
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(SEES_A.has(who) ? 200 : 404);
  },
  'PATCH /api/v1/records/:object/:id': async (f, who, as) => {
    const version = await currentVersion(f);
    const r = await as.patch(`/api/v1/records/lead/${f.leadId}`, { version, data: { title: `edited by ${who}` } });
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(SEES_A.has(who) ? 200 : 404);
    const after = await f.p.repA.get(`/api/v1/records/lead/${f.leadId}`);
    if (!SEES_A.has(who)) expect(after.body.version).to.equal(version);
  },
  'DELETE /api/v1/records/:object/:id': async (f, who, as) => {
    const r = await as.delete(`/api/v1/records/lead/${f.leadId}`);
    if (expectAnonymousRefused(who, r)) return;
    // reps have no delete permission; A's manager may delete (and restores right away)
    const expected = who === 'managerNorth' ? 200 : who === 'repA' ? 403 : 404;
    expect(r.status, JSON.stringify(r.body)).to.equal(who === 'repB' ? 403 : expected);
    if (r.status === 200)
      expect((await f.p.managerNorth.post(`/api/v1/records/lead/${f.leadId}/restore`)).status).to.equal(200);
    expect((await f.p.repA.get(`/api/v1/records/lead/${f.leadId}`)).body.deletedAt).to.equal(null);
  },
  'POST /api/v1/records/:object/:id/restore': async (f, who, as) => {
    const r = await as.post(`/api/v1/records/lead/${f.leadId}/restore`);
    if (expectAnonymousRefused(who, r)) return;
    // restoring a live record is a 404 for whoever may see it; reps lack delete permission altogether
    expect(r.status).to.equal(who === 'repA' || who === 'repB' ? 403 : 404);
  },
  'GET /api/v1/records/:object/:id/history': async (f, who, as) => {
    const r = await as.get(`/api/v1/records/lead/${f.leadId}/history`);
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(SEES_A.has(who) ? 200 : 404);
  },
  'POST /api/v1/records/:object/:id/transition': async (f, who, as) => {
    const current = (await f.p.managerNorth.get(`/api/v1/records/lead/${f.leadId}`)).body.data.stage;
    const r = await as.post(`/api/v1/records/lead/${f.leadId}/transition`, {
      stage: current === 'new' ? 'first_contact' : 'new',
    });
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status, JSON.stringify(r.body)).to.equal(SEES_A.has(who) ? 200 : 404);
  },
  'GET /api/v1/records/:object/:id/stage': async (f, who, as) => {
    const r = await as.get(`/api/v1/records/lead/${f.leadId}/stage`);
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(SEES_A.has(who) ? 200 : 404);
  },
  'POST /api/v1/records/:object/:id/tasks': async (f, who, as) => {
    const r = await as.post(`/api/v1/records/lead/${f.leadId}/tasks`, { title: `task by ${who}` });
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(SEES_A.has(who) ? 201 : 404);
  },
  'GET /api/v1/tasks': async (f, who, as) => {
    const r = await as.get(`/api/v1/tasks?assignee=${f.p.ids.repA}`);
    if (expectAnonymousRefused(who, r)) return;
    // only rep A and admins may list rep A's tasks; another tenant's admin lists none of them
    if (who === 'repA') expect(r.status).to.equal(200);
    else if (who === 'otherTenantAdmin') expect(r.body.tasks).to.deep.equal([]);
    else expect(r.status).to.equal(403);
  },
  'PATCH /api/v1/tasks/:id': async (f, who, as) => {
    const task = (await f.p.repA.post(`/api/v1/records/lead/${f.leadId}/tasks`, { title: 'reschedule me' })).body;
    const r = await as.patch(`/api/v1/tasks/${task.id}`, { priority: 'urgent' });
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(SEES_A.has(who) ? 200 : 404);
  },
  'POST /api/v1/tasks/:id/complete': async (f, who, as) => {
    const task = (await f.p.repA.post(`/api/v1/records/lead/${f.leadId}/tasks`, { title: 'complete me' })).body;
    const r = await as.post(`/api/v1/tasks/${task.id}/complete`, {});
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(SEES_A.has(who) ? 200 : 404);
  },
  'POST /api/v1/records/:object/:id/activities': async (f, who, as) => {
    const r = await as.post(`/api/v1/records/lead/${f.leadId}/activities`, { kind: 'note', summary: `by ${who}` });
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(SEES_A.has(who) ? 201 : 404);
  },
  'GET /api/v1/records/:object/:id/timeline': async (f, who, as) => {
    const r = await as.get(`/api/v1/records/lead/${f.leadId}/timeline`);
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(SEES_A.has(who) ? 200 : 404);
  },
  'GET /api/v1/approvals': async (f, who, as) => {
    const approvalId = await pendingApprovalOfRepA(f);
    const r = await as.get('/api/v1/approvals?status=all');
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(200);
    const ids = r.body.approvals.map((a: { id: string }) => a.id);
    // the approver role is "manager": North's manager sees rep A's approval, nobody else does
    expect(ids.includes(approvalId), who).to.equal(who === 'managerNorth');
  },
  'POST /api/v1/approvals/:id/approve': async (f, who, as) => {
    const approvalId = await pendingApprovalOfRepA(f);
    const r = await as.post(`/api/v1/approvals/${approvalId}/approve`, { comment: who });
    if (expectAnonymousRefused(who, r)) return;
    const expected = { repA: 403, managerNorth: 200 } as Record<string, number>;
    expect(r.status, JSON.stringify(r.body)).to.equal(expected[who] ?? 404);
  },
  'POST /api/v1/approvals/:id/reject': async (f, who, as) => {
    const approvalId = await pendingApprovalOfRepA(f);
    const r = await as.post(`/api/v1/approvals/${approvalId}/reject`, { comment: `no, says ${who}` });
    if (expectAnonymousRefused(who, r)) return;
    // rep A may reject (withdraw) their own request; North's manager decides it
    expect(r.status, JSON.stringify(r.body)).to.equal(SEES_A.has(who) ? 200 : 404);
  },
  'GET /api/v1/public/forms/:form': async (_f, _who, as) => {
    // public: everyone, signed in or not, gets the same form of the default tenant
    const r = await as.get('/api/v1/public/forms/contact-us?tenant=default');
    expect(r.status).to.equal(200);
    expect(r.body.form).to.equal('contact-us');
  },
  'OPTIONS /api/v1/public/forms/:form': async (f, _who, as) => {
    const r = await fetch(`${f.rt.url}/api/v1/public/forms/contact-us`, {
      method: 'OPTIONS',
      headers: { origin: 'https://www.example.com', ...(as.token ? { authorization: `Bearer ${as.token}` } : {}) },
    });
    expect(r.status).to.equal(204);
  },
  'OPTIONS /api/v1/public/forms/:form/submissions': async (f, _who, as) => {
    const r = await fetch(`${f.rt.url}/api/v1/public/forms/contact-us/submissions`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', ...(as.token ? { authorization: `Bearer ${as.token}` } : {}) },
    });
    expect(r.status).to.equal(403);
  },
  'POST /api/v1/public/forms/:form/submissions': async (_f, who, as) => {
    const form = await as.get('/api/v1/public/forms/whitepaper-download');
    const r = await as.post('/api/v1/public/forms/whitepaper-download/submissions', {
      answers: { name: `Matrix ${who}`, email: `matrix.${who}@example.com` },
      hidden: {},
      renderToken: form.body.renderToken,
    });
    // public; filled at once, so it answers like a success and stores nothing (too fast)
    expect(r.status).to.equal(201);
    expect(r.text).not.to.include('rep.a@example.com');
  },
  'POST /api/v1/capture/:object': async (_f, who, as) => {
    const r = await as.post('/api/v1/capture/lead', {
      data: { name: `Captured by ${who}`, email: `cap.${who}@example.com` },
    });
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
  },
  'POST /api/v1/capture/:object/batch': async (_f, who, as) => {
    const r = await as.post('/api/v1/capture/lead/batch', {
      items: [{ data: { name: `Batch by ${who}`, email: `batch.${who}@example.com` } }],
    });
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(200);
    expect(r.body.results[0].status).to.equal('created');
  },
  'POST /api/v1/imports/:object': async (_f, who, as) => {
    const r = await as.post('/api/v1/imports/lead', undefined, {
      raw: `Name,Email\r\nImported by ${who},imported.${who}@example.com\r\n`,
      headers: { 'content-type': 'text/csv' },
    });
    if (expectAnonymousRefused(who, r)) return;
    // every signed-in persona may create leads in its own tenant
    expect(r.status, JSON.stringify(r.body)).to.equal(202);
  },
  'GET /api/v1/imports/:id': async (f, who, as) => {
    const mine = await f.p.repA.post('/api/v1/imports/lead', undefined, {
      raw: `Name,Email\r\nImport of A for ${who},import.a.${who}@example.com\r\n`,
      headers: { 'content-type': 'text/csv' },
    });
    const r = await as.get(`/api/v1/imports/${mine.body.id}`);
    if (expectAnonymousRefused(who, r)) return;
    // a run is its importer's (and an admin's of the same tenant): everyone else gets 404
    expect(r.status).to.equal(who === 'repA' ? 200 : 404);
    if (r.status === 200) expect(r.body.id).to.equal(mine.body.id);
  },
  'POST /api/v1/capture/:object/:id/qualify': async (f, who, as) => {
    const clue = await f.p.repA.post('/api/v1/capture/lead', {
      data: { name: `Clue for ${who}`, email: `clue.${who}@example.com` },
    });
    const r = await as.post(`/api/v1/capture/lead/${clue.body.recordId}/qualify`);
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(SEES_A.has(who) ? 200 : 404);
    const after = await f.p.repA.get(`/api/v1/records/lead/${clue.body.recordId}`);
    expect(after.body.data.status).to.equal(SEES_A.has(who) ? 'lead' : 'clue');
  },
  'POST /api/v1/records/:object/:id/merge': async (f, who, as) => {
    const keep = await f.p.repA.post('/api/v1/capture/lead', {
      data: { name: `Keep ${who}`, email: `keep.${who}@example.com` },
    });
    const gone = await f.p.repA.post('/api/v1/capture/lead', {
      data: { name: `Gone ${who}`, email: `gone.${who}@example.com` },
    });
    const r = await as.post(`/api/v1/records/lead/${keep.body.recordId}/merge`, { from: gone.body.recordId });
    if (expectAnonymousRefused(who, r)) return;
    // like delete: reps have no delete permission; A's manager may; others cannot see A's records
    const expected = who === 'managerNorth' ? 200 : who === 'repA' || who === 'repB' ? 403 : 404;
    expect(r.status, JSON.stringify(r.body)).to.equal(expected);
    const loser = await f.p.repA.get(`/api/v1/records/lead/${gone.body.recordId}`);
    expect(loser.body.deletedAt === null).to.equal(expected !== 200);
  },
  'POST /api/v1/records/:object/:id/convert': async (f, who, as) => {
    const lead = await f.p.repA.post('/api/v1/capture/lead', {
      data: { name: `Convert ${who}`, email: `convert.${who}@example.com`, company_name: `Convert Co ${who}` },
    });
    const r = await as.post(`/api/v1/records/lead/${lead.body.recordId}/convert`, {});
    if (expectAnonymousRefused(who, r)) return;
    const expected = SEES_A.has(who) ? 200 : 404;
    expect(r.status, JSON.stringify(r.body)).to.equal(expected);
    const after = await f.p.repA.get(`/api/v1/records/lead/${lead.body.recordId}`);
    expect(after.body.data.status === 'converted').to.equal(expected === 200);
  },
  'GET /api/v1/records/:object/:id/sla': async (f, who, as) => {
    const r = await as.get(`/api/v1/records/lead/${f.leadId}/sla`);
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(SEES_A.has(who) ? 200 : 404);
    if (r.status === 200) expect(r.body.timers).to.be.an('array');
  },
  'GET /api/v1/nurture/:id/enrollments': async (f, who, as) => {
    await f.p.repA.post('/api/v1/nurture/warm-up/enrollments', { recordId: f.leadId });
    const r = await as.get('/api/v1/nurture/warm-up/enrollments');
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(200);
    const ids = (r.body.enrollments as { recordId: string }[]).map((e) => e.recordId);
    expect(ids.includes(f.leadId)).to.equal(SEES_A.has(who));
  },
  'POST /api/v1/nurture/:id/enrollments': async (f, who, as) => {
    const lead = await f.p.repA.post('/api/v1/records/lead', aLead({ name: `Nurture ${who}` }));
    const r = await as.post('/api/v1/nurture/warm-up/enrollments', { recordId: lead.body.id });
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status, JSON.stringify(r.body)).to.equal(SEES_A.has(who) ? 201 : 404);
    const runs = await f.p.repA.get('/api/v1/nurture/warm-up/enrollments');
    const ids = (runs.body.enrollments as { recordId: string }[]).map((e) => e.recordId);
    expect(ids.includes(lead.body.id)).to.equal(SEES_A.has(who));
  },
  'DELETE /api/v1/nurture/:id/enrollments/:recordId': async (f, who, as) => {
    const lead = await f.p.repA.post('/api/v1/records/lead', aLead({ name: `Unenrol ${who}` }));
    await f.p.repA.post('/api/v1/nurture/warm-up/enrollments', { recordId: lead.body.id });
    const r = await as.delete(`/api/v1/nurture/warm-up/enrollments/${lead.body.id}`);
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status, JSON.stringify(r.body)).to.equal(SEES_A.has(who) ? 200 : 404);
    const runs = await f.p.repA.get('/api/v1/nurture/warm-up/enrollments');
    const run = (runs.body.enrollments as { recordId: string; status: string }[]).find(
      (e) => e.recordId === lead.body.id,
    );
    expect(run?.status).to.equal(SEES_A.has(who) ? 'unenrolled' : 'active');
  },
  'GET /api/v1/records/:object/:id/scores': async (f, who, as) => {
    const r = await as.get(`/api/v1/records/lead/${f.leadId}/scores`);
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(SEES_A.has(who) ? 200 : 404);
    if (r.status === 200) expect(r.body.recordId).to.equal(f.leadId);
  },
  'POST /api/v1/public/track': async (f, who, as) => {
    // public: the same answer for everyone, whether or not the record id is a lead they may see
    const r = await as.post('/api/v1/public/track?tenant=default', {
      eventId: `matrix-${who}-${f.marker}`,
      type: 'page.viewed',
      recordId: f.leadId,
    });
    expect(r.status).to.equal(202);
    expect(r.body).to.deep.equal({ status: 'accepted' });
  },
  'OPTIONS /api/v1/public/track': async (f, _who, as) => {
    const r = await fetch(`${f.rt.url}/api/v1/public/track?tenant=default`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', ...(as.token ? { authorization: `Bearer ${as.token}` } : {}) },
    });
    expect(r.status).to.equal(403);
  },
  'POST /api/v1/public/identify': async (_f, who, as) => {
    const r = await as.post('/api/v1/public/identify?tenant=default', {
      visitorId: `matrix-visitor-${who}`,
      email: 'rep.a@example.com',
    });
    expect(r.status).to.equal(202);
    expect(r.body).to.deep.equal({ status: 'accepted' });
  },
  'OPTIONS /api/v1/public/identify': async (f, _who, as) => {
    const r = await fetch(`${f.rt.url}/api/v1/public/identify?tenant=default`, {
      method: 'OPTIONS',
      headers: { origin: 'https://www.example.com', ...(as.token ? { authorization: `Bearer ${as.token}` } : {}) },
    });
    expect(r.status).to.equal(204);
  },
  'GET /t.js': async (f, _who, as) => {
    const r = await fetch(`${f.rt.url}/t.js`, { headers: as.token ? { authorization: `Bearer ${as.token}` } : {} });
    expect(r.status).to.equal(200);
    expect(await r.text()).not.to.include('rep.a@example.com');
  },
  'GET /api/v1/records/:object/:id/attribution': async (f, who, as) => {
    const r = await as.get(`/api/v1/records/lead/${f.leadId}/attribution`);
    if (expectAnonymousRefused(who, r)) return;
    expect(r.status).to.equal(SEES_A.has(who) ? 200 : 404);
  },
  ...ROUTING_SCENARIOS,
  ...REPORT_SCENARIOS,
};

const ADMIN_ROUTES: Record<string, (as: Client) => Promise<Reply>> = {
  ...ROUTING_ADMIN_ROUTES,
  ...REPORT_ADMIN_ROUTES,
  'GET /api/v1/app/versions': (as) => as.get('/api/v1/app/versions'),
  'GET /api/v1/app/versions/:version': (as) => as.get('/api/v1/app/versions/1'),
  'GET /api/v1/app/draft': (as) => as.get('/api/v1/app/draft'),
  'PUT /api/v1/app/draft': (as) => as.put('/api/v1/app/draft', { files: {} }),
  'POST /api/v1/app/draft/validate': (as) => as.post('/api/v1/app/draft/validate', {}),
  'POST /api/v1/app/publish': (as) => as.post('/api/v1/app/publish', {}),
  'POST /api/v1/app/rollback': (as) => as.post('/api/v1/app/rollback', { version: 1 }),
  'GET /api/v1/users': (as) => as.get('/api/v1/users'),
  'POST /api/v1/users': (as) =>
    as.post('/api/v1/users', { email: 'x@example.com', name: 'x', password: 'long enough pw', role: 'rep' }),
  'PATCH /api/v1/users/:id': (as) => as.patch('/api/v1/users/00000000-0000-4000-8000-000000000000', { away: true }),
  'GET /api/v1/teams': (as) => as.get('/api/v1/teams'),
  'POST /api/v1/teams': (as) => as.post('/api/v1/teams', { name: 'Nope' }),
  'GET /api/v1/capture/quarantine': (as) => as.get('/api/v1/capture/quarantine'),
  'POST /api/v1/capture/quarantine/:id/release': (as) =>
    as.post('/api/v1/capture/quarantine/00000000-0000-4000-8000-000000000000/release'),
  'GET /api/v1/delivery/channels': (as) => as.get('/api/v1/delivery/channels'),
  'GET /api/v1/delivery/endpoints': (as) => as.get('/api/v1/delivery/endpoints'),
  'POST /api/v1/delivery/endpoints': (as) =>
    as.post('/api/v1/delivery/endpoints', {
      id: 'matrix-hook',
      channel: 'webhook',
      config: { url: 'https://hooks.example.com/in', secrets: [`whsec_${Buffer.alloc(32, 7).toString('base64')}`] },
    }),
  'GET /api/v1/delivery/endpoints/:id': (as) => as.get('/api/v1/delivery/endpoints/matrix-hook'),
  'PUT /api/v1/delivery/endpoints/:id': (as) =>
    as.put('/api/v1/delivery/endpoints/matrix-hook', { config: { url: 'https://hooks.example.com/other' } }),
  'DELETE /api/v1/delivery/endpoints/:id': (as) => as.delete('/api/v1/delivery/endpoints/matrix-hook'),
  'POST /api/v1/delivery/endpoints/:id/rotate-secret': (as) =>
    as.post('/api/v1/delivery/endpoints/matrix-hook/rotate-secret', {}),
  'POST /api/v1/delivery/endpoints/:id/retire-secrets': (as) =>
    as.post('/api/v1/delivery/endpoints/matrix-hook/retire-secrets', {}),
  'POST /api/v1/delivery/endpoints/:id/enable': (as) => as.post('/api/v1/delivery/endpoints/matrix-hook/enable', {}),
  'GET /api/v1/delivery/endpoints/:id/deliveries': (as) => as.get('/api/v1/delivery/endpoints/matrix-hook/deliveries'),
  'POST /api/v1/delivery/endpoints/:id/test': (as) => as.post('/api/v1/delivery/endpoints/matrix-hook/test', {}),
  'GET /api/v1/scoring/runs': (as) => as.get('/api/v1/scoring/runs'),
  'GET /api/v1/automations/runs': (as) => as.get('/api/v1/automations/runs'),
  'GET /api/v1/automations/runs/:id': (as) => as.get('/api/v1/automations/runs/00000000-0000-4000-8000-000000000000'),
  'POST /api/v1/scoring/what-if': (as) =>
    as.post('/api/v1/scoring/what-if', {
      model: { id: 'fit', object: 'lead', rules: [], grades: [{ min: 0, grade: 'cold' }] },
    }),
};

describe('access: every route × every persona', function () {
  this.timeout(120_000);
  let f: Fixture;

  before(async () => {
    const rt = await startTestRuntime();
    const p = await setUpPersonas(rt);
    const marker = `zebra${Math.random().toString(36).slice(2, 8)}`;
    const created = await p.repA.post('/api/v1/records/lead', aLead({ name: `Lead ${marker}` }));
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    f = { rt, p, leadId: created.body.id, marker };
  });
  after(async () => f?.rt.close());

  it('declares an access policy on every route', () => {
    for (const route of allRoutes)
      expect(['public', 'user', 'admin'], `${route.method} ${route.path}`).to.include(route.access);
  });

  it('has a scenario for every route, so a new route cannot skip the matrix', () => {
    const keys = allRoutes.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    const covered = new Set([...Object.keys(SCENARIOS), ...Object.keys(ADMIN_ROUTES)]);
    expect(keys.filter((k) => !covered.has(k))).to.deep.equal([]);
  });

  for (const [key, scenario] of Object.entries(SCENARIOS)) {
    it(`${key}: rep B, South's manager and another tenant's admin get none of rep A's records`, async () => {
      for (const who of PERSONAS) await scenario(f, who, f.p[who]);
    });
  }

  for (const [key, send] of Object.entries(ADMIN_ROUTES)) {
    it(`${key}: only admins, and only inside their own tenant`, async () => {
      for (const who of ['repA', 'repB', 'managerNorth', 'managerSouth'] as const) {
        const r = await send(f.p[who]);
        expect(r.status, `${who}`).to.equal(403);
      }
      expect((await send(f.p.anonymous)).status).to.equal(401);
      const r = await send(f.p.otherTenantAdmin);
      expect(r.status).to.be.within(200, 499);
      expect(r.text).not.to.include('rep.a@example.com');
    });
  }

  it("lets an API token act as its user, with the user's scope", async () => {
    const made = await f.p.repB.post('/api/v1/tokens', { name: 'integration' });
    const asToken = f.p.anonymous;
    const r = await fetch(`${f.rt.url}/api/v1/records/lead/${f.leadId}`, {
      headers: { authorization: `Bearer ${made.body.token}` },
    });
    expect(r.status).to.equal(404);
    expect((await asToken.get('/api/v1/auth/me')).status).to.equal(401);
    const me = await fetch(`${f.rt.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${made.body.token}` } });
    expect(((await me.json()) as { via: string }).via).to.equal('token');
  });

  it('answers 404, not 403, for a foreign id, so ids of other people leak nothing', async () => {
    const foreign = await f.p.otherTenantAdmin.post('/api/v1/records/lead', aLead());
    expect(foreign.status).to.equal(201);
    for (const who of ['repA', 'managerNorth'] as const) {
      expect((await f.p[who].get(`/api/v1/records/lead/${foreign.body.id}`)).status).to.equal(404);
      expect((await f.p[who].get('/api/v1/records/lead/not-a-uuid')).status).to.equal(404);
    }
  });
});
