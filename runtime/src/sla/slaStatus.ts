import { slaFollowUpEvents, slaSteps } from '@leadforge/engine';
import type { Actor } from '../access/types.js';
import type { RuntimeContext } from '../context.js';
import { getRecord } from '../records/recordService.js';
import { slasOf } from './slaDefinitions.js';
import { firstFollowUp } from './slaTimers.js';

/** One SLA clock of a record as the API shows it. */
export interface ApiSlaTimer {
  readonly id: string;
  readonly sla: string;
  readonly label: Readonly<Record<string, string>> | null;
  /**
   * `running`: waiting for a follow-up before `dueAt`; `breached`: the deadline passed, escalation
   * steps are still due; `done`: every step fired; `met`: a follow-up came (at `metAt`);
   * `cancelled`: the record got another owner or was deleted.
   */
  readonly status: 'running' | 'met' | 'breached' | 'done' | 'cancelled';
  readonly ownerId: string | null;
  readonly startedAt: string;
  /** When the next step is due (null once the timer ended). */
  readonly dueAt: string | null;
  /** Steps fired so far, of `steps` (the reminder, then each escalation). */
  readonly step: number;
  readonly steps: number;
  readonly breachedAt: string | null;
  readonly metAt: string | null;
}

interface TimerRow {
  id: string;
  sla: string;
  owner_id: string | null;
  status: ApiSlaTimer['status'];
  started_at: Date;
  step: number;
  next_due_at: Date | null;
  breached_at: Date | null;
  met_at: Date | null;
}

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

/**
 * The SLA clocks of a record the caller may read, newest first. A follow-up that came before the
 * next check shows at once as `met` (the check job will record it when it runs).
 */
export async function recordSlaStatus(ctx: RuntimeContext, actor: Actor, object: string, id: string) {
  const record = await getRecord(ctx, actor, object, id);
  const published = await ctx.apps.current(actor.tenantId);
  const slas = new Map((published ? slasOf(published) : []).map((s) => [s.id, s]));
  const { rows } = await ctx.db.query<TimerRow>(
    `SELECT id::text AS id, sla, owner_id::text AS owner_id, status, started_at, step, next_due_at, breached_at, met_at
       FROM sla_timers WHERE tenant_id = $1 AND record_id = $2 ORDER BY started_at DESC, id LIMIT 100`,
    [actor.tenantId, record.id],
  );
  const now = ctx.clock.now();
  const timers: ApiSlaTimer[] = [];
  for (const row of rows) {
    const sla = slas.get(row.sla);
    let status = row.status;
    let metAt = iso(row.met_at);
    if (sla && (status === 'running' || status === 'breached')) {
      const at = await firstFollowUp(
        ctx.db,
        actor.tenantId,
        record.id,
        slaFollowUpEvents(sla),
        new Date(row.started_at),
        now,
      );
      if (at) {
        status = 'met';
        metAt = at.toISOString();
      }
    }
    timers.push({
      id: row.id,
      sla: row.sla,
      label: sla?.label ?? null,
      status,
      ownerId: row.owner_id,
      startedAt: new Date(row.started_at).toISOString(),
      dueAt: status === 'met' ? null : iso(row.next_due_at),
      step: row.step,
      steps: sla ? slaSteps(sla).length : row.step,
      breachedAt: iso(row.breached_at),
      metAt,
    });
  }
  return { object, recordId: record.id, timers };
}
