import type { RuntimeContext } from '../context.js';
import type { JobHandler } from '../jobs/types.js';
import { NURTURE_RECYCLE_JOB, NURTURE_STEP_JOB } from './nurtureDefinitions.js';
import { DAY_MS, hasRecycleRules, recycleSilentRecords, scheduleRecycleSweep } from './recycleSweep.js';
import { runNurtureStep } from './runNurtureStep.js';

/** Job handlers of nurture runs and the daily recycle sweep, by kind. */
export function nurtureJobHandlers(ctx: Pick<RuntimeContext, 'apps'>): Record<string, JobHandler> {
  return {
    [NURTURE_STEP_JOB]: async (job) => {
      const published = await ctx.apps.current(job.job.tenantId);
      if (!published) return { outcome: 'done' };
      const payload = job.job.payload as { enrollmentId: string; move: number };
      await job.completeWith((tx) => runNurtureStep(tx, published, payload, job.clock.now()));
      return undefined;
    },
    [NURTURE_RECYCLE_JOB]: async (job) => {
      const published = await ctx.apps.current(job.job.tenantId);
      if (!published || !hasRecycleRules(published)) return { outcome: 'done' };
      const now = job.clock.now();
      await job.completeWith(async (tx) => {
        const outcome = await recycleSilentRecords(tx, published, now);
        if (outcome.more) await scheduleRecycleSweep(tx, published.tenantId, now, now, `more:${job.job.id}`);
        await scheduleRecycleSweep(tx, published.tenantId, new Date(now.getTime() + DAY_MS), now);
        return outcome;
      });
      return undefined;
    },
  };
}
