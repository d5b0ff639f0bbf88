import { expect } from 'chai';
import type { Client } from '../support/http.js';
import { type ManualClock, manualClock } from '../support/manualClock.js';
import { aLead, PASSWORD, type Personas, setUpPersonas } from '../support/personas.js';
import { type DriverName, startTestRuntime, type TestRuntime } from '../support/testRuntime.js';

export interface PipelineWorld {
  readonly rt: TestRuntime;
  readonly p: Personas;
  readonly clock: ManualClock;
}

/** The sample app on a fresh database, the access personas, rep A reporting to North's manager. */
export async function aPipelineWorld(driver: DriverName): Promise<PipelineWorld> {
  const clock = manualClock();
  // the clock moves by days in these tests: sessions must outlive it
  const rt = await startTestRuntime({
    driver,
    clock,
    config: { sessionIdleMinutes: 60 * 24 * 365, sessionAbsoluteHours: 24 * 365 },
  });
  const p = await setUpPersonas(rt);
  const r = await rt.admin.patch(`/api/v1/users/${p.ids.repA}`, { managerId: p.ids.managerNorth });
  expect(r.status, JSON.stringify(r.body)).to.equal(200);
  // changing a user ends their sessions: rep A signs in again
  return { rt, p: { ...p, repA: await rt.signIn('rep.a@example.com', PASSWORD) }, clock };
}

/** A lead owned by rep A, with what First contact and Needs assessment need. */
export async function aLeadOfRepA(w: PipelineWorld, overrides: Record<string, unknown> = {}): Promise<string> {
  const r = await w.p.repA.post('/api/v1/records/lead', aLead({ company_name: 'Acme', ...overrides }));
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return r.body.id as string;
}

export async function move(as: Client, id: string, stage: string, extra: Record<string, unknown> = {}) {
  return as.post(`/api/v1/records/lead/${id}/transition`, { stage, ...extra });
}

export async function moveOrFail(as: Client, id: string, stage: string, extra: Record<string, unknown> = {}) {
  const r = await move(as, id, stage, extra);
  expect(r.status, JSON.stringify(r.body)).to.equal(200);
  return r;
}

/** Fills the fields Proposal needs (rep A may not write budget: North's manager does). */
export async function readyForProposal(w: PipelineWorld, id: string): Promise<void> {
  const current = await w.p.managerNorth.get(`/api/v1/records/lead/${id}`);
  const r = await w.p.managerNorth.patch(`/api/v1/records/lead/${id}`, {
    version: current.body.version,
    data: { budget: 50000, decision_maker: 'Li Wei, CTO', last_contacted_at: '2026-03-01T10:00:00Z' },
  });
  expect(r.status, JSON.stringify(r.body)).to.equal(200);
}

export async function eventsOf(w: PipelineWorld, id: string, type: string) {
  const { rows } = await w.rt.ctx.db.query<{ data: Record<string, unknown>; at: Date }>(
    'SELECT data, at FROM events WHERE record_id = $1 AND type = $2 ORDER BY seq',
    [id, type],
  );
  return rows;
}
