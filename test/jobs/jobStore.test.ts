import { expect } from 'chai';
import {
  claimJobs,
  completeJobOrThrow,
  completeJobs,
  countJobs,
  enqueueJob,
  enqueueJobs,
  failJob,
  getJob,
  LeaseLostError,
  listJobs,
  releaseJobs,
  retryFailedJobs,
  retryJob,
} from '../../engine/src/jobs/index.js';
import { aTenant, describeEachDriver } from '../support/databases.js';
import { aJob, T0 } from './support/jobFixtures.js';

const MINUTE = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

function claimOptions(now: Date, extra: Partial<Parameters<typeof claimJobs>[1]> = {}) {
  return { workerId: 'w1', now, leaseMs: 5 * MINUTE, limit: 100, kinds: ['test.timer'], ...extra };
}

describeEachDriver('jobs: the durable job table', ({ db }) => {
  it('commits a job with the transaction that enqueued it, and a rollback leaves none', async () => {
    const tenant = aTenant();
    await db().transaction(async (tx) => {
      await enqueueJob(tx, aJob(tenant, { key: 'kept' }), T0);
    });
    await db()
      .transaction(async (tx) => {
        await enqueueJob(tx, aJob(tenant, { key: 'rolled-back' }), T0);
        throw new Error('the change failed');
      })
      .catch(() => {});
    const jobs = await listJobs(db(), tenant);
    expect(jobs.map((j) => j.key)).to.deep.equal(['kept']);
  });

  it('treats a second enqueue with the same kind and key as the same job', async () => {
    const tenant = aTenant();
    const first = await enqueueJob(db(), aJob(tenant, { key: 'k1' }), T0);
    const second = await enqueueJob(db(), aJob(tenant, { key: 'k1', payload: { n: 2 } }), T0);
    expect(first.created).to.equal(true);
    expect(second).to.deep.equal({ id: first.id, created: false });
    expect((await getJob(db(), tenant, first.id))?.payload).to.deep.equal({ n: 1 });
  });

  it('claims only jobs that are due by the given clock reading', async () => {
    const tenant = aTenant();
    await enqueueJob(db(), aJob(tenant, { key: 'now' }), T0);
    await enqueueJob(db(), aJob(tenant, { key: 'tomorrow', runAt: at(24 * 60 * MINUTE) }), T0);
    const early = (await claimJobs(db(), claimOptions(T0))).filter((j) => j.tenantId === tenant);
    expect(early.map((j) => j.key)).to.deep.equal(['now']);
    await completeJobs(db(), early);
    const later = (await claimJobs(db(), claimOptions(at(24 * 60 * MINUTE)))).filter((j) => j.tenantId === tenant);
    expect(later.map((j) => j.key)).to.deep.equal(['tomorrow']);
  });

  it('hands a claimed job to nobody else until its lease runs out, then to the next claimer with a new lease', async () => {
    const tenant = aTenant();
    await enqueueJob(db(), aJob(tenant, { kind: 'lease.test' }), T0);
    const options = (now: Date, workerId: string) => claimOptions(now, { workerId, kinds: ['lease.test'] });
    const [first] = await claimJobs(db(), options(T0, 'w1'));
    expect(first?.attempt).to.equal(1);
    expect(first?.leaseUntil.getTime()).to.equal(at(5 * MINUTE).getTime());
    expect(await claimJobs(db(), options(at(5 * MINUTE - 1), 'w2'))).to.have.length(0);
    const [second] = await claimJobs(db(), options(at(5 * MINUTE), 'w2'));
    expect(second?.id).to.equal(first?.id);
    expect(second?.attempt).to.equal(2);
    expect(second?.lease).to.be.greaterThan(first!.lease);
  });

  it('refuses every write from a worker whose lease was taken over', async () => {
    const tenant = aTenant();
    await enqueueJob(db(), aJob(tenant, { kind: 'fence.test' }), T0);
    const options = (now: Date) => claimOptions(now, { kinds: ['fence.test'] });
    const [stale] = await claimJobs(db(), options(T0));
    const [current] = await claimJobs(db(), options(at(10 * MINUTE)));
    expect(await completeJobs(db(), [stale!])).to.deep.equal([]);
    expect(await retryJob(db(), stale!, at(20 * MINUTE), 'late')).to.equal(false);
    expect(await failJob(db(), stale!, 'late')).to.equal(false);
    let thrown: unknown;
    await db()
      .transaction(async (tx) => {
        await completeJobOrThrow(tx, stale!);
      })
      .catch((error: unknown) => {
        thrown = error;
      });
    expect(thrown).to.be.instanceOf(LeaseLostError);
    expect(await completeJobs(db(), [current!])).to.have.length(1);
    expect(await getJob(db(), tenant, current!.id)).to.equal(null);
  });

  it('puts a retried job back for its new time with the error recorded', async () => {
    const tenant = aTenant();
    const { id } = await enqueueJob(db(), aJob(tenant, { kind: 'retry.test' }), T0);
    const [job] = await claimJobs(db(), claimOptions(T0, { kinds: ['retry.test'] }));
    expect(await retryJob(db(), job!, at(MINUTE), 'HTTP 500')).to.equal(true);
    const stored = await getJob(db(), tenant, id);
    expect(stored).to.include({ state: 'pending', lastError: 'HTTP 500', lockedBy: null, attempt: 1 });
    expect(stored?.runAt.getTime()).to.equal(at(MINUTE).getTime());
  });

  it('keeps a failed job for operators and can queue it again', async () => {
    const tenant = aTenant();
    const { id } = await enqueueJob(db(), aJob(tenant, { kind: 'fail.test' }), T0);
    const [job] = await claimJobs(db(), claimOptions(T0, { kinds: ['fail.test'] }));
    await failJob(db(), job!, 'endpoint gone');
    expect((await listJobs(db(), tenant, { state: 'failed' })).map((j) => j.id)).to.deep.equal([id]);
    expect(await countJobs(db(), tenant)).to.deep.equal({ pending: 0, failed: 1 });
    expect(await retryFailedJobs(db(), tenant, [id], at(MINUTE))).to.equal(1);
    const [again] = await claimJobs(db(), claimOptions(at(MINUTE), { kinds: ['fail.test'] }));
    expect(again).to.include({ id, attempt: 1 });
  });

  it('leaves jobs of busy targets for later and hands released jobs back uncounted', async () => {
    const tenant = aTenant();
    await enqueueJob(db(), aJob(tenant, { kind: 'target.test', key: 'slow', target: 'slow' }), T0);
    await enqueueJob(db(), aJob(tenant, { kind: 'target.test', key: 'fast', target: 'fast' }), T0);
    const claimed = await claimJobs(db(), claimOptions(T0, { kinds: ['target.test'], busyTargets: ['slow'] }));
    expect(claimed.map((j) => j.key)).to.deep.equal(['fast']);
    expect(await releaseJobs(db(), claimed, T0)).to.equal(1);
    const [again] = await claimJobs(db(), claimOptions(T0, { kinds: ['target.test'], busyTargets: ['slow'] }));
    expect(again).to.include({ key: 'fast', attempt: 1 });
  });

  it('writes many jobs in one statement, skipping keyed duplicates', async () => {
    const tenant = aTenant();
    const jobs = Array.from({ length: 50 }, (_, i) => aJob(tenant, { kind: 'bulk.test', key: `k${i % 40}` }));
    expect(await enqueueJobs(db(), jobs, T0)).to.equal(40);
    expect((await countJobs(db(), tenant)).pending).to.equal(40);
  });

  it('refuses a job without a valid time or attempt limit', async () => {
    const tenant = aTenant();
    for (const bad of [aJob(tenant, { runAt: new Date(Number.NaN) }), aJob(tenant, { maxAttempts: 0 })]) {
      let code: unknown;
      await enqueueJob(db(), bad, T0).catch((error: { code?: unknown }) => {
        code = error.code;
      });
      expect(code).to.equal('MALFORMED');
    }
  });
});
