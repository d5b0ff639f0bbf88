import { expect } from 'chai';
import { claimJobs, enqueueJob, getJob, jobRetryDelayMs, listJobs } from '../../engine/src/jobs/index.js';
import { createJobWorker } from '../../runtime/src/jobs/index.js';
import { aTenant, describeEachDriver } from '../support/databases.js';
import { HOUR, MINUTE, manualClock } from '../support/manualClock.js';
import { aCounter, aGate } from './support/gate.js';
import { aJob, T0 } from './support/jobFixtures.js';

let kinds = 0;
/** A job kind no other test uses, so workers on the shared database only see this test's jobs. */
function aKind(label: string): string {
  kinds += 1;
  return `${label}.${process.pid}.${kinds}`;
}

describeEachDriver('jobs: the worker', ({ db }) => {
  it('fires a 24-hour SLA reminder exactly when the clock reaches it, without waiting a day', async () => {
    const tenant = aTenant();
    const kind = aKind('sla');
    const clock = manualClock(T0);
    const fired: Date[] = [];
    const worker = createJobWorker({ db: db(), clock, handlers: { [kind]: async () => void fired.push(clock.now()) } });
    await enqueueJob(db(), aJob(tenant, { kind, runAt: new Date(T0.getTime() + 24 * HOUR) }), T0);
    await worker.drain();
    clock.advance(24 * HOUR - 1);
    await worker.drain();
    expect(fired).to.have.length(0);
    clock.advance(1);
    await worker.drain();
    expect(fired.map((d) => d.getTime())).to.deep.equal([T0.getTime() + 24 * HOUR]);
    expect(await listJobs(db(), tenant)).to.have.length(0);
  });

  it('retries a handler that throws, backing off, until it succeeds', async () => {
    const tenant = aTenant();
    const kind = aKind('flaky');
    const clock = manualClock(T0);
    const attempts: number[] = [];
    const worker = createJobWorker({
      db: db(),
      clock,
      random: () => 0.5,
      handlers: {
        [kind]: async ({ job }) => {
          attempts.push(job.attempt);
          if (job.attempt < 3) throw new Error(`boom ${job.attempt}`);
          return undefined;
        },
      },
    });
    const { id } = await enqueueJob(db(), aJob(tenant, { kind }), T0);
    await worker.drain();
    expect((await getJob(db(), tenant, id))?.lastError).to.equal('boom 1');
    clock.advance(jobRetryDelayMs(1, 0.5) - 1);
    await worker.drain();
    expect(attempts).to.deep.equal([1]);
    clock.advance(1);
    await worker.drain();
    clock.advance(jobRetryDelayMs(2, 0.5));
    await worker.drain();
    expect(attempts).to.deep.equal([1, 2, 3]);
    expect(await getJob(db(), tenant, id)).to.equal(null);
  });

  it('lets a worker paused past its lease complete nothing once another worker took the job over', async () => {
    const tenant = aTenant();
    const kind = aKind('fenced');
    const clock = manualClock(T0);
    const ledger: string[] = [];
    const paused = aGate();
    const started = aGate();
    const slow = createJobWorker({
      db: db(),
      clock,
      workerId: 'slow',
      leaseMs: MINUTE,
      // one slot: the stalled worker must not poll again and re-claim its own expired job before 'quick' does
      concurrency: 1,
      handlers: {
        [kind]: async ({ completeWith }) => {
          started.open();
          await paused.opened; // a GC pause, a stalled VM
          await completeWith(async () => void ledger.push('slow'));
          return undefined;
        },
      },
    });
    const quick = createJobWorker({
      db: db(),
      clock,
      workerId: 'quick',
      leaseMs: MINUTE,
      handlers: { [kind]: async ({ completeWith }) => completeWith(async () => void ledger.push('quick')) },
    });
    const { id } = await enqueueJob(db(), aJob(tenant, { kind }), T0);
    const slowDrain = slow.drain();
    await started.opened;
    clock.advance(MINUTE);
    await quick.drain();
    paused.open();
    const slowStats = await slowDrain;
    expect(ledger).to.deep.equal(['quick']);
    expect(slowStats).to.include({ completed: 0, leaseLost: 1 });
    expect(await getJob(db(), tenant, id)).to.equal(null);
  });

  it('discards the plain result of a worker whose lease was taken over', async () => {
    const tenant = aTenant();
    const kind = aKind('fenced-plain');
    const clock = manualClock(T0);
    const paused = aGate();
    const started = aGate();
    const results: string[] = [];
    const slow = createJobWorker({
      db: db(),
      clock,
      leaseMs: MINUTE,
      concurrency: 1, // see above: no second poll while the first attempt is stalled
      handlers: {
        [kind]: async () => {
          started.open();
          await paused.opened;
          results.push('slow');
          return { outcome: 'retry', at: new Date(T0.getTime() + HOUR), error: 'slow says retry' };
        },
      },
    });
    const quick = createJobWorker({
      db: db(),
      clock,
      leaseMs: MINUTE,
      handlers: { [kind]: async () => void results.push('quick') },
    });
    const { id } = await enqueueJob(db(), aJob(tenant, { kind }), T0);
    const slowDrain = slow.drain();
    await started.opened;
    clock.advance(MINUTE);
    await quick.drain();
    paused.open();
    expect(await slowDrain).to.include({ retried: 0, leaseLost: 1 });
    expect(results).to.deep.equal(['quick', 'slow']);
    expect(await getJob(db(), tenant, id)).to.equal(null);
  });

  it('fails a job whose worker keeps dying once it has been claimed maxAttempts times, without running it again', async () => {
    const tenant = aTenant();
    const kind = aKind('poison');
    const clock = manualClock(T0);
    const { id } = await enqueueJob(db(), aJob(tenant, { kind, maxAttempts: 2 }), T0);
    for (const workerId of ['dies-1', 'dies-2']) {
      // each claims the job and is killed before finishing it
      expect(
        await claimJobs(db(), { workerId, now: clock.now(), leaseMs: MINUTE, limit: 1, kinds: [kind] }),
      ).to.have.length(1);
      clock.advance(MINUTE);
    }
    const runs: string[] = [];
    const survivor = createJobWorker({ db: db(), clock, handlers: { [kind]: async () => void runs.push('ran') } });
    expect(await survivor.drain()).to.include({ failed: 1 });
    expect(runs).to.deep.equal([]);
    const failed = await getJob(db(), tenant, id);
    expect(failed?.state).to.equal('failed');
    expect(failed?.lastError).to.match(/gave up after 2 attempts/);
  });

  it('keeps a slow target to its share of slots while other targets’ jobs all run', async () => {
    const tenant = aTenant();
    const kind = aKind('targets');
    const clock = manualClock(T0);
    const slowGate = aGate();
    const fastDone = aCounter(10);
    let slowInFlight = 0;
    let slowPeak = 0;
    const worker = createJobWorker({
      db: db(),
      clock,
      concurrency: 8,
      perTargetConcurrency: 2,
      handlers: {
        [kind]: async ({ job }) => {
          if (job.target === 'slow') {
            slowInFlight += 1;
            slowPeak = Math.max(slowPeak, slowInFlight);
            await slowGate.opened;
            slowInFlight -= 1;
          } else {
            fastDone.bump();
          }
          return undefined;
        },
      },
    });
    for (let i = 0; i < 10; i += 1) {
      await enqueueJob(db(), aJob(tenant, { kind, key: `slow-${i}`, target: 'slow' }), T0);
      await enqueueJob(db(), aJob(tenant, { kind, key: `fast-${i}`, target: `fast-${i % 3}` }), T0);
    }
    const drained = worker.drain();
    await fastDone.reached; // every fast job ran while the slow target's first two still hang
    expect(slowPeak).to.equal(2);
    slowGate.open();
    const stats = await drained;
    expect(stats.completed).to.equal(20);
    expect(slowPeak).to.equal(2);
    expect(await listJobs(db(), tenant)).to.have.length(0);
  });

  it('stops without finishing an in-flight job, which another worker redoes after the lease', async () => {
    const tenant = aTenant();
    const kind = aKind('stopped');
    const clock = manualClock(T0);
    const started = aGate();
    const done: string[] = [];
    const first = createJobWorker({
      db: db(),
      clock,
      leaseMs: MINUTE,
      handlers: {
        [kind]: async ({ signal }) => {
          started.open();
          await new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
          return undefined;
        },
      },
    });
    const second = createJobWorker({ db: db(), clock, handlers: { [kind]: async () => void done.push('second') } });
    await enqueueJob(db(), aJob(tenant, { kind }), T0);
    const draining = first.drain();
    await started.opened;
    await first.stop();
    await draining;
    await second.drain();
    expect(done).to.deep.equal([]);
    clock.advance(MINUTE);
    await second.drain();
    expect(done).to.deep.equal(['second']);
  });
});
