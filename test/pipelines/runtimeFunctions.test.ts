import { expect } from 'chai';
import { requestApproval } from '../../runtime/src/approvals/index.js';
import { lockRecordOrThrow, pipelineOrThrow, transitionInTx } from '../../runtime/src/pipelines/index.js';
import { createTask } from '../../runtime/src/tasks/index.js';
import { HOUR } from '../support/manualClock.js';
import { aLeadOfRepA, aPipelineWorld, eventsOf, type PipelineWorld } from './support.js';

describe('pipelines, tasks and approvals as runtime functions (for automations)', function () {
  this.timeout(120_000);
  let w: PipelineWorld;

  before(async () => {
    w = await aPipelineWorld('postgres');
  });
  after(async () => w?.rt.close());

  async function app() {
    const published = await w.rt.ctx.apps.current('default');
    if (!published) throw new Error('no app');
    return published.app;
  }

  it('createTask writes a task with its source inside the caller transaction, shown on the timeline', async () => {
    const id = await aLeadOfRepA(w);
    const now = w.rt.ctx.clock.now();
    const task = await w.rt.ctx.db.transaction((tx) =>
      createTask(tx, {
        tenantId: 'default',
        record: { id, object: 'lead' },
        title: 'Call: the quote link was clicked',
        kind: 'call',
        priority: 'urgent',
        dueAt: new Date(now.getTime() + 2 * HOUR),
        assigneeId: w.p.ids.repA,
        source: { automation: 'quote-click' },
        createdBy: null,
        now,
      }),
    );
    expect(task).to.deep.include({ status: 'open', priority: 'urgent', source: { automation: 'quote-click' } });
    const timeline = await w.p.repA.get(`/api/v1/records/lead/${id}/timeline`);
    expect(timeline.body.items[0]).to.deep.include({ type: 'task', id: task.id });
  });

  it('transitionInTx moves a record for a system caller through the same guards', async () => {
    const id = await aLeadOfRepA(w);
    const a = await app();
    const pipeline = pipelineOrThrow(a, 'lead', undefined);
    const input = (to: string) => ({
      tenantId: 'default',
      pipeline,
      object: a.objects['lead']!,
      recordId: id,
      scope: undefined,
      request: { to },
      actorId: null,
      now: w.rt.ctx.clock.now(),
    });
    const moved = await w.rt.ctx.db.transaction((tx) => transitionInTx(tx, input('first_contact')));
    expect(moved.status).to.equal('moved');
    let refused: unknown;
    await w.rt.ctx.db.transaction((tx) => transitionInTx(tx, input('won'))).catch((e) => (refused = e));
    expect(refused).to.have.property('code', 'INVALID');
  });

  it('requestApproval holds an action for a decision; the decision event carries the action', async () => {
    const id = await aLeadOfRepA(w);
    const approval = await w.rt.ctx.db.transaction(async (tx) => {
      const record = await lockRecordOrThrow(tx, 'default', 'lead', id, undefined);
      return requestApproval(tx, {
        tenantId: 'default',
        record,
        policy: { role: null, ownerManager: true },
        subject: { kind: 'action', action: { type: 'send-email', template: 'discount' }, summary: '20% discount' },
        requestedBy: null,
        now: w.rt.ctx.clock.now(),
      });
    });
    expect(approval).to.deep.include({ status: 'pending', kind: 'action', approverId: w.p.ids.managerNorth });
    const r = await w.p.managerNorth.post(`/api/v1/approvals/${approval.id}/approve`, { comment: 'fine' });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    const [decided] = await eventsOf(w, id, 'approval.decided');
    expect(decided!.data).to.deep.include({
      decision: 'approved',
      kind: 'action',
      action: { type: 'send-email', template: 'discount' },
    });
  });
});
