import { automationJobHandlers } from '../automation/automationJobs.js';
import type { RuntimeContext } from '../context.js';
import { nurtureJobHandlers } from '../nurture/nurtureJobs.js';
import { poolJobHandlers } from '../pools/poolTimeouts.js';
import { reportScheduleJobHandlers } from '../reports/scheduleJob.js';
import { slaJobHandlers } from '../sla/slaTimers.js';
import type { JobHandler } from './types.js';

/**
 * Every job kind `leadforge start` runs besides outbox deliveries (which the job runner adds
 * itself), by kind. Routing/pools, automation steps and SLA timers add their handlers here.
 */
export function jobHandlersForContext(ctx: RuntimeContext): Record<string, JobHandler> {
  return {
    ...poolJobHandlers(ctx),
    ...automationJobHandlers(ctx),
    ...slaJobHandlers(ctx),
    ...nurtureJobHandlers(ctx),
    ...reportScheduleJobHandlers(ctx),
  };
}
