import { expect } from 'chai';
import { notifyUser } from '../../runtime/src/notifications/notifyUser.js';
import type { Client, Reply } from '../support/http.js';
import { aLead, type Personas } from '../support/personas.js';
import type { TestRuntime } from '../support/testRuntime.js';

/** What the routing, pool and notification scenarios need of the access matrix's fixture. */
interface MatrixFixture {
  readonly rt: TestRuntime;
  readonly p: Personas;
  readonly leadId: string;
}

type Who = 'repA' | 'repB' | 'managerNorth' | 'managerSouth' | 'otherTenantAdmin' | 'anonymous';
type Scenario = (f: MatrixFixture, who: Who, as: Client) => Promise<void>;

const POOL = '/api/v1/pools/inbound/leads';
/** The sample's lead pool is team North's: rep A, rep B and North's manager are its members. */
const NORTH: ReadonlySet<Who> = new Set(['repA', 'repB', 'managerNorth']);
const SEES_A: ReadonlySet<Who> = new Set(['repA', 'managerNorth']);

function refusedAnonymous(who: Who, r: Reply): boolean {
  if (who !== 'anonymous') return false;
  expect(r.status, 'anonymous').to.equal(401);
  return true;
}

/** A fresh lead of the default tenant routed into the sample's pool (region central), optionally claimed by rep A. */
async function pooledLead(f: MatrixFixture, claimed: boolean): Promise<string> {
  const made = await f.rt.admin.post('/api/v1/records/lead', aLead({ region: 'central' }));
  expect(made.status, made.text).to.equal(201);
  const routed = await f.rt.admin.post(`/api/v1/records/lead/${made.body.id}/route`, {});
  expect(routed.body.decision, routed.text).to.include({ kind: 'pool', poolId: 'inbound' });
  if (claimed) expect((await f.p.repA.post(`${POOL}/${made.body.id}/claim`)).status).to.equal(200);
  return made.body.id;
}

/** Only rep A holds the lead; other members are refused, non-members and other tenants do not see it. */
function holderOnly(who: Who, r: Reply): void {
  if (refusedAnonymous(who, r)) return;
  const expected = who === 'repA' ? 200 : NORTH.has(who) ? 403 : 404;
  expect(r.status, `${who}: ${r.text}`).to.equal(expected);
}

let notificationOfA: string | undefined;

export const ROUTING_SCENARIOS: Record<string, Scenario> = {
  'POST /api/v1/records/:object/:id/route': async (f, who, as) => {
    const r = await as.post(`/api/v1/records/lead/${f.leadId}/route`, {});
    if (refusedAnonymous(who, r)) return;
    expect(r.status, who).to.equal(who === 'otherTenantAdmin' ? 404 : 403);
  },
  'GET /api/v1/records/:object/:id/assignments': async (f, who, as) => {
    const r = await as.get(`/api/v1/records/lead/${f.leadId}/assignments`);
    if (refusedAnonymous(who, r)) return;
    expect(r.status, who).to.equal(SEES_A.has(who) ? 200 : 404);
  },
  'GET /api/v1/notifications': async (f, who, as) => {
    notificationOfA ??= await notifyUser(
      f.rt.ctx.db,
      { tenantId: 'default', userId: f.p.ids.repA, kind: 'matrix', title: 'for rep A only' },
      f.rt.ctx.clock.now(),
    );
    const r = await as.get('/api/v1/notifications');
    if (refusedAnonymous(who, r)) return;
    expect(r.status).to.equal(200);
    expect(r.text.includes('for rep A only'), who).to.equal(who === 'repA');
  },
  'POST /api/v1/notifications/read-all': async (_f, who, as) => {
    const r = await as.post('/api/v1/notifications/read-all', {});
    if (refusedAnonymous(who, r)) return;
    expect(r.status).to.equal(200);
  },
  'POST /api/v1/notifications/:id/read': async (f, who, as) => {
    notificationOfA ??= await notifyUser(
      f.rt.ctx.db,
      { tenantId: 'default', userId: f.p.ids.repA, kind: 'matrix', title: 'for rep A only' },
      f.rt.ctx.clock.now(),
    );
    const r = await as.post(`/api/v1/notifications/${notificationOfA}/read`, {});
    if (refusedAnonymous(who, r)) return;
    expect(r.status, who).to.equal(who === 'repA' ? 200 : 404);
  },
  'GET /api/v1/pools/:pool/leads': async (f, who, as) => {
    const id = await pooledLead(f, false);
    const r = await as.get(POOL);
    if (refusedAnonymous(who, r)) return;
    if (who === 'otherTenantAdmin') {
      expect(r.status).to.equal(200);
      expect(r.text).not.to.include(id);
      return;
    }
    expect(r.status, who).to.equal(NORTH.has(who) ? 200 : 404);
    if (NORTH.has(who)) expect(r.text).to.include(id);
  },
  'POST /api/v1/pools/:pool/leads/:id/claim': async (f, who, as) => {
    const id = await pooledLead(f, false);
    const r = await as.post(`${POOL}/${id}/claim`, {});
    if (refusedAnonymous(who, r)) return;
    expect(r.status, who).to.equal(NORTH.has(who) ? 200 : 404);
    if (NORTH.has(who)) await as.post(`${POOL}/${id}/return`, { reason: 'duplicate' });
  },
  'POST /api/v1/pools/:pool/leads/:id/accept': async (f, who, as) => {
    holderOnly(who, await as.post(`${POOL}/${await pooledLead(f, true)}/accept`, {}));
  },
  'POST /api/v1/pools/:pool/leads/:id/return': async (f, who, as) => {
    holderOnly(who, await as.post(`${POOL}/${await pooledLead(f, true)}/return`, { reason: 'unreachable' }));
  },
  'POST /api/v1/pools/:pool/leads/:id/status': async (f, who, as) => {
    holderOnly(who, await as.post(`${POOL}/${await pooledLead(f, true)}/status`, { status: 'invalid' }));
  },
};

export const ROUTING_ADMIN_ROUTES: Record<string, (as: Client) => Promise<Reply>> = {
  'POST /api/v1/routing/:id/dry-run': (as) => as.post('/api/v1/routing/leads/dry-run', { sample: 5 }),
  'POST /api/v1/pools/:pool/leads/:id/reclaim': (as) =>
    as.post(`${POOL}/00000000-0000-4000-8000-000000000000/reclaim`, {}),
};
