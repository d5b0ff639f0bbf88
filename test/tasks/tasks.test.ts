import { expect } from 'chai';
import { aLeadOfRepA, aPipelineWorld, eventsOf, moveOrFail, type PipelineWorld } from '../pipelines/support.js';
import { HOUR, MINUTE } from '../support/manualClock.js';

for (const driver of ['postgres', 'pglite'] as const) {
  describe(`tasks, activities and the timeline [${driver}]`, function () {
    this.timeout(120_000);
    let w: PipelineWorld;

    before(async () => {
      w = await aPipelineWorld(driver);
    });
    after(async () => w?.rt.close());

    const due = (ms: number) => new Date(w.rt.ctx.clock.now().getTime() + ms).toISOString();

    it("creates a task on a lead, assigned to the lead's owner by default, with due time and priority", async () => {
      const id = await aLeadOfRepA(w);
      const r = await w.p.managerNorth.post(`/api/v1/records/lead/${id}/tasks`, {
        title: 'Call about the quote',
        kind: 'call',
        priority: 'high',
        dueAt: due(2 * HOUR),
      });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      expect(r.body).to.deep.include({
        title: 'Call about the quote',
        kind: 'call',
        priority: 'high',
        status: 'open',
        assignee: w.p.ids.repA,
        dueAt: due(2 * HOUR),
        createdBy: w.p.ids.managerNorth,
      });
      const mine = await w.p.repA.get('/api/v1/tasks');
      expect(mine.body.tasks.map((t: { id: string }) => t.id)).to.include(r.body.id);
      const [created] = await eventsOf(w, id, 'task.created');
      expect(created!.data).to.deep.include({ taskId: r.body.id, kind: 'call', priority: 'high' });
    });

    it('reschedules a task (new due time, new version) and refuses a stale version', async () => {
      const id = await aLeadOfRepA(w);
      const task = (await w.p.repA.post(`/api/v1/records/lead/${id}/tasks`, { title: 'Send deck', dueAt: due(HOUR) }))
        .body;
      const r = await w.p.repA.patch(`/api/v1/tasks/${task.id}`, {
        version: task.version,
        dueAt: due(26 * HOUR),
        priority: 'urgent',
      });
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      expect(r.body).to.deep.include({ dueAt: due(26 * HOUR), priority: 'urgent', version: task.version + 1 });
      const stale = await w.p.repA.patch(`/api/v1/tasks/${task.id}`, { version: task.version, dueAt: due(HOUR) });
      expect(stale.status).to.equal(409);
      const cleared = await w.p.repA.patch(`/api/v1/tasks/${task.id}`, { dueAt: null });
      expect(cleared.body.dueAt).to.equal(null);
    });

    it('completes a call task with an outcome, which logs the call as a follow-up activity', async () => {
      const id = await aLeadOfRepA(w);
      const task = (await w.p.repA.post(`/api/v1/records/lead/${id}/tasks`, { title: 'First call', kind: 'call' }))
        .body;
      w.clock.advance(20 * MINUTE);
      const r = await w.p.repA.post(`/api/v1/tasks/${task.id}/complete`, {
        outcome: 'connected',
        summary: 'interested',
      });
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      expect(r.body).to.deep.include({
        status: 'done',
        outcome: 'connected',
        completedBy: w.p.ids.repA,
        completedAt: w.rt.ctx.clock.now().toISOString(),
      });
      const [logged] = await eventsOf(w, id, 'activity.logged');
      expect(logged!.data).to.deep.include({ kind: 'call', outcome: 'connected', taskId: task.id });
      expect((await w.p.repA.post(`/api/v1/tasks/${task.id}/complete`, {})).status).to.equal(409);
      expect((await w.p.repA.get('/api/v1/tasks?status=done')).body.tasks.map((t: { id: string }) => t.id)).to.include(
        task.id,
      );
    });

    it('logs a visit with an outcome: it shows on the timeline and as an activity.logged event', async () => {
      const id = await aLeadOfRepA(w);
      const r = await w.p.repA.post(`/api/v1/records/lead/${id}/activities`, {
        kind: 'visit',
        outcome: 'demo_done',
        summary: 'met the CTO on site',
        durationMinutes: 90,
      });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      const [logged] = await eventsOf(w, id, 'activity.logged');
      expect(logged!.data).to.deep.include({ kind: 'visit', outcome: 'demo_done' });
      const timeline = await w.p.repA.get(`/api/v1/records/lead/${id}/timeline`);
      expect(timeline.status).to.equal(200);
      expect(timeline.body.items[0]).to.deep.include({ type: 'activity', id: r.body.id });
      expect(timeline.body.items[0].data).to.deep.include({ kind: 'visit', outcome: 'demo_done', durationMinutes: 90 });
    });

    it('merges events, tasks, activities and stage moves newest first, a page at a time', async () => {
      const id = await aLeadOfRepA(w);
      w.clock.advance(MINUTE);
      await w.p.repA.post(`/api/v1/records/lead/${id}/tasks`, { title: 'Call', kind: 'call' });
      w.clock.advance(MINUTE);
      await moveOrFail(w.p.repA, id, 'first_contact');
      w.clock.advance(MINUTE);
      await w.p.repA.post(`/api/v1/records/lead/${id}/activities`, { kind: 'note', summary: 'prefers WeChat' });
      const all = await w.p.repA.get(`/api/v1/records/lead/${id}/timeline`);
      const types = all.body.items.map((i: { type: string }) => i.type);
      expect(types).to.deep.equal(['activity', 'stage', 'task', 'stage']);
      expect(all.body.items[1].data).to.deep.include({ from: 'new', to: 'first_contact' });
      expect(all.body.items[3].data).to.deep.include({ to: 'new', durationMs: 2 * MINUTE });
      const first = await w.p.repA.get(`/api/v1/records/lead/${id}/timeline?limit=3`);
      expect(first.body.items).to.have.length(3);
      const rest = await w.p.repA.get(`/api/v1/records/lead/${id}/timeline?limit=3&cursor=${first.body.nextCursor}`);
      expect(rest.body.items.map((i: { type: string }) => i.type)).to.deep.equal(['stage']);
      expect(rest.body.nextCursor).to.equal(null);
    });

    it('shows a timeline, and takes tasks and activities, only for a record the caller may see', async () => {
      const id = await aLeadOfRepA(w);
      expect((await w.p.repB.get(`/api/v1/records/lead/${id}/timeline`)).status).to.equal(404);
      expect((await w.p.managerSouth.get(`/api/v1/records/lead/${id}/timeline`)).status).to.equal(404);
      expect((await w.p.managerNorth.get(`/api/v1/records/lead/${id}/timeline`)).status).to.equal(200);
      expect((await w.p.repB.post(`/api/v1/records/lead/${id}/tasks`, { title: 'steal' })).status).to.equal(404);
      expect((await w.p.repB.post(`/api/v1/records/lead/${id}/activities`, { kind: 'note' })).status).to.equal(404);
      const task = (await w.p.repA.post(`/api/v1/records/lead/${id}/tasks`, { title: 'mine' })).body;
      expect((await w.p.repB.post(`/api/v1/tasks/${task.id}/complete`, {})).status).to.equal(404);
      expect((await w.p.repB.patch(`/api/v1/tasks/${task.id}`, { priority: 'low' })).status).to.equal(404);
    });

    it('refuses an activity in the future and a task for an unknown user, storing nothing', async () => {
      const id = await aLeadOfRepA(w);
      const future = await w.p.repA.post(`/api/v1/records/lead/${id}/activities`, { kind: 'call', at: due(HOUR) });
      expect(future.status).to.equal(422);
      const nobody = await w.p.repA.post(`/api/v1/records/lead/${id}/tasks`, {
        title: 'x',
        assignee: '3f1c0c1e-8d1b-4c55-9a4e-5b0b6a7c8d9e',
      });
      expect(nobody.status).to.equal(422);
      expect(nobody.body.error.details[0].path).to.equal('/assignee');
      const timeline = await w.p.repA.get(`/api/v1/records/lead/${id}/timeline`);
      expect(timeline.body.items.filter((i: { type: string }) => i.type !== 'event')).to.deep.equal([]);
    });
  });
}
