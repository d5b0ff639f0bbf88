import { expect } from 'chai';
import { HOUR, MINUTE } from '../support/manualClock.js';
import {
  aLeadOfRepA,
  aPipelineWorld,
  eventsOf,
  move,
  moveOrFail,
  type PipelineWorld,
  readyForProposal,
} from './support.js';

for (const driver of ['postgres', 'pglite'] as const) {
  describe(`pipelines: transitions over HTTP [${driver}]`, function () {
    this.timeout(120_000);
    let w: PipelineWorld;

    before(async () => {
      w = await aPipelineWorld(driver);
    });
    after(async () => w?.rt.close());

    it('refuses a move to Proposal while budget is missing, lists what is missing, and changes nothing', async () => {
      const id = await aLeadOfRepA(w);
      await moveOrFail(w.p.repA, id, 'first_contact');
      await moveOrFail(w.p.repA, id, 'needs_assessment');
      const before = await w.p.repA.get(`/api/v1/records/lead/${id}`);
      const stagesBefore = await w.p.repA.get(`/api/v1/records/lead/${id}/stage`);
      const r = await move(w.p.repA, id, 'proposal');
      expect(r.status).to.equal(422);
      expect(r.body.error.code).to.equal('INVALID');
      expect(r.body.error.details).to.deep.equal([
        { path: '/stages/needs_assessment/exitCriteria/contacted', message: 'The last contact is recorded' },
        { path: '/data/budget', message: 'Budget is required to enter "Proposal/Quote"' },
        { path: '/data/decision_maker', message: 'Decision maker is required to enter "Proposal/Quote"' },
        { path: '/stages/proposal/entryCriteria/budget-positive', message: 'The budget is above zero' },
      ]);
      expect(await w.p.repA.get(`/api/v1/records/lead/${id}`)).to.deep.include({ body: before.body });
      expect((await w.p.repA.get(`/api/v1/records/lead/${id}/stage`)).body).to.deep.equal(stagesBefore.body);
      expect(await eventsOf(w, id, 'approval.requested')).to.have.length(0);
      expect((await eventsOf(w, id, 'stage.changed')).map((e) => e.data['to'])).to.deep.equal([
        'first_contact',
        'needs_assessment',
      ]);
    });

    it('appends stage.changed (from, to, pipeline) in the same transaction as the move', async () => {
      const id = await aLeadOfRepA(w);
      const r = await moveOrFail(w.p.repA, id, 'first_contact', { comment: 'called back' });
      expect(r.body.status).to.equal('moved');
      expect(r.body.record.data.stage).to.equal('first_contact');
      const [event] = await eventsOf(w, id, 'stage.changed');
      expect(event!.data).to.deep.include({ pipeline: 'lead', from: 'new', to: 'first_contact' });
    });

    it('moves one stage at a time: a skip is refused, a move back is allowed', async () => {
      const id = await aLeadOfRepA(w);
      const skip = await move(w.p.repA, id, 'needs_assessment');
      expect(skip.status).to.equal(422);
      expect(skip.body.error.details).to.deep.equal([
        {
          path: '/stage',
          message: 'this pipeline moves one stage at a time: from "New" the next stage is "First contact"',
        },
      ]);
      await moveOrFail(w.p.repA, id, 'first_contact');
      await moveOrFail(w.p.repA, id, 'new');
      const same = await move(w.p.repA, id, 'new');
      expect(same.status).to.equal(422);
      const unknown = await move(w.p.repA, id, 'heaven');
      expect(unknown.status).to.equal(422);
      expect(unknown.body.error.details[0].path).to.equal('/stage');
    });

    it('needs a listed reason to lose a lead, and keeps the reason in the stage history', async () => {
      const id = await aLeadOfRepA(w);
      const none = await move(w.p.repA, id, 'lost');
      expect(none.status).to.equal(422);
      expect(none.body.error.details[0]).to.deep.include({ path: '/reason' });
      expect(none.body.error.details[0].message).to.match(/^a lost move needs a reason: one of no_budget, competitor/);
      await moveOrFail(w.p.repA, id, 'lost', { reason: 'competitor', comment: 'went with a cheaper tool' });
      const stage = await w.p.repA.get(`/api/v1/records/lead/${id}/stage`);
      expect(stage.body.history.at(-1)).to.deep.include({
        stage: 'lost',
        from: 'new',
        reason: 'competitor',
        comment: 'went with a cheaper tool',
      });
      const reopen = await move(w.p.repA, id, 'new');
      expect(reopen.status).to.equal(422);
      expect(reopen.body.error.message).to.match(/does not reopen lost records/);
    });

    it('keeps one stage-history row per stay with its duration, timed by the clock', async () => {
      const id = await aLeadOfRepA(w);
      const created = w.rt.ctx.clock.now().toISOString();
      w.clock.advance(2 * HOUR);
      await moveOrFail(w.p.repA, id, 'first_contact');
      w.clock.advance(30 * MINUTE);
      await moveOrFail(w.p.repA, id, 'needs_assessment');
      const r = await w.p.repA.get(`/api/v1/records/lead/${id}/stage`);
      expect(r.status).to.equal(200);
      expect(
        r.body.history.map((s: { stage: string; durationMs: number | null }) => [s.stage, s.durationMs]),
      ).to.deep.equal([
        ['new', 2 * HOUR],
        ['first_contact', 30 * MINUTE],
        ['needs_assessment', null],
      ]);
      expect(r.body.history[0].enteredAt).to.equal(created);
      expect(r.body.history[1].enteredBy).to.equal(w.p.ids.repA);
      expect(r.body.pipelines[0]).to.deep.include({
        pipeline: 'lead',
        stage: 'needs_assessment',
        enteredAt: w.rt.ctx.clock.now().toISOString(),
        sla: { within: 'P7D', escalateTo: null },
      });
      expect(r.body.pipelines[0].next).to.deep.equal(['new', 'first_contact', 'proposal', 'lost']);
    });

    it('the plain records PATCH cannot move a stage, and points at the transition endpoint', async () => {
      const id = await aLeadOfRepA(w);
      const current = await w.rt.admin.get(`/api/v1/records/lead/${id}`);
      const r = await w.rt.admin.patch(`/api/v1/records/lead/${id}`, {
        version: current.body.version,
        data: { stage: 'won' },
      });
      expect(r.status).to.equal(422);
      expect(r.body.error.details[0].path).to.equal('/data/stage');
      expect(r.body.error.message).to.include('/transition');
      const created = await w.rt.admin.post('/api/v1/records/lead', { data: { name: 'Jumper', stage: 'won' } });
      expect(created.status).to.equal(422);
      expect((await w.rt.admin.get(`/api/v1/records/lead/${id}`)).body.data.stage).to.equal('new');
    });

    it('serialises two moves of one record sent at once: one moves, the other finds it already moved', async () => {
      const id = await aLeadOfRepA(w);
      const replies = await Promise.all([move(w.p.repA, id, 'first_contact'), move(w.p.repA, id, 'first_contact')]);
      expect(replies.map((r) => r.status).sort()).to.deep.equal([200, 422]);
      expect(await eventsOf(w, id, 'stage.changed')).to.have.length(1);
      const stays = (await w.p.repA.get(`/api/v1/records/lead/${id}/stage`)).body.history;
      expect(stays.map((s: { stage: string }) => s.stage)).to.deep.equal(['new', 'first_contact']);
    });

    it('answers 404 to a rep aiming at a lead out of their scope, and 409 for a stale version', async () => {
      const id = await aLeadOfRepA(w);
      expect((await move(w.p.repB, id, 'first_contact')).status).to.equal(404);
      expect((await move(w.p.repA, id, 'first_contact', { version: 99 })).status).to.equal(409);
    });

    describe('approval before Proposal', () => {
      async function pendingLead(): Promise<{ id: string; approvalId: string }> {
        const id = await aLeadOfRepA(w);
        await moveOrFail(w.p.repA, id, 'first_contact');
        await moveOrFail(w.p.repA, id, 'needs_assessment');
        await readyForProposal(w, id);
        const r = await move(w.p.repA, id, 'proposal', { comment: 'ready to quote' });
        expect(r.status, JSON.stringify(r.body)).to.equal(202);
        expect(r.body.status).to.equal('pending');
        expect(r.body.record.data.stage).to.equal('needs_assessment');
        return { id, approvalId: r.body.approval.id };
      }

      it('waits as pending: visible on the record, refusing other moves, listed for the manager only', async () => {
        const { id, approvalId } = await pendingLead();
        const stage = await w.p.repA.get(`/api/v1/records/lead/${id}/stage`);
        expect(stage.body.pendingApproval).to.deep.include({
          id: approvalId,
          status: 'pending',
          to: 'proposal',
          approverRole: 'manager',
          approverId: w.p.ids.managerNorth,
        });
        expect(stage.body.pipelines[0].next).to.deep.equal([]);
        const other = await move(w.p.repA, id, 'lost', { reason: 'no_budget' });
        expect(other.status).to.equal(409);
        const north = await w.p.managerNorth.get('/api/v1/approvals?status=pending');
        expect(north.body.approvals.map((a: { id: string }) => a.id)).to.include(approvalId);
        const south = await w.p.managerSouth.get('/api/v1/approvals?status=pending');
        expect(south.body.approvals.map((a: { id: string }) => a.id)).not.to.include(approvalId);
        const [requested] = await eventsOf(w, id, 'approval.requested');
        expect(requested!.data).to.deep.include({ approvalId, to: 'proposal', from: 'needs_assessment' });
      });

      it('is not decided by the requester, another rep, or a manager of another team', async () => {
        const { approvalId } = await pendingLead();
        expect((await w.p.repA.post(`/api/v1/approvals/${approvalId}/approve`, {})).status).to.equal(403);
        expect((await w.p.repB.post(`/api/v1/approvals/${approvalId}/approve`, {})).status).to.equal(404);
        expect((await w.p.managerSouth.post(`/api/v1/approvals/${approvalId}/approve`, {})).status).to.equal(404);
        expect((await w.p.otherTenantAdmin.post(`/api/v1/approvals/${approvalId}/approve`, {})).status).to.equal(404);
      });

      it('reject needs a comment, leaves the stage, and records the decision in history and events', async () => {
        const { id, approvalId } = await pendingLead();
        const bare = await w.p.managerNorth.post(`/api/v1/approvals/${approvalId}/reject`, {});
        expect(bare.status).to.equal(400);
        expect(bare.body.error.details[0].path).to.equal('/comment');
        const r = await w.p.managerNorth.post(`/api/v1/approvals/${approvalId}/reject`, {
          comment: 'budget not confirmed',
        });
        expect(r.status).to.equal(200);
        expect(r.body).to.deep.include({
          status: 'rejected',
          comment: 'budget not confirmed',
          decidedBy: w.p.ids.managerNorth,
        });
        const stage = await w.p.repA.get(`/api/v1/records/lead/${id}/stage`);
        expect(stage.body.pendingApproval).to.equal(null);
        expect(stage.body.pipelines[0].stage).to.equal('needs_assessment');
        const [decided] = await eventsOf(w, id, 'approval.decided');
        expect(decided!.data).to.deep.include({ decision: 'rejected', comment: 'budget not confirmed' });
        const again = await w.p.managerNorth.post(`/api/v1/approvals/${approvalId}/approve`, {});
        expect(again.status).to.equal(409);
      });

      it('approve re-checks the guards, then moves the record and ties the stay to the approval', async () => {
        const { id, approvalId } = await pendingLead();
        const current = await w.p.managerNorth.get(`/api/v1/records/lead/${id}`);
        await w.p.managerNorth.patch(`/api/v1/records/lead/${id}`, {
          version: current.body.version,
          data: { decision_maker: null },
        });
        const refused = await w.p.managerNorth.post(`/api/v1/approvals/${approvalId}/approve`, { comment: 'ok' });
        expect(refused.status).to.equal(422);
        expect(refused.body.error.details).to.deep.equal([
          { path: '/data/decision_maker', message: 'Decision maker is required to enter "Proposal/Quote"' },
        ]);
        await readyForProposal(w, id);
        const r = await w.p.managerNorth.post(`/api/v1/approvals/${approvalId}/approve`, { comment: 'go' });
        expect(r.status, JSON.stringify(r.body)).to.equal(200);
        expect(r.body.status).to.equal('approved');
        const stage = await w.p.repA.get(`/api/v1/records/lead/${id}/stage`);
        expect(stage.body.pipelines[0].stage).to.equal('proposal');
        expect(stage.body.history.at(-1)).to.deep.include({ stage: 'proposal', approvalId, comment: 'ready to quote' });
        const changed = await eventsOf(w, id, 'stage.changed');
        expect(changed.at(-1)!.data).to.deep.include({ to: 'proposal', approvalId });
        const [decided] = await eventsOf(w, id, 'approval.decided');
        expect(decided!.data).to.deep.include({ decision: 'approved', comment: 'go' });
      });

      it('a user holding the role approves too, when the record is in their scope', async () => {
        const { id, approvalId } = await pendingLead();
        // North's manager is both the owner's manager and a holder of the role; an admin may always decide
        const r = await w.rt.admin.post(`/api/v1/approvals/${approvalId}/approve`, {});
        expect(r.status).to.equal(200);
        expect((await w.p.repA.get(`/api/v1/records/lead/${id}`)).body.data.stage).to.equal('proposal');
        const decided = await w.p.managerNorth.get('/api/v1/approvals?status=approved');
        expect(decided.body.approvals.map((a: { id: string }) => a.id)).to.include(approvalId);
      });
    });
  });
}
