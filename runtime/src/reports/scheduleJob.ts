import { enqueueDelivery, LeadforgeError } from '@leadforge/engine';
import type { DeliveryAttachment } from '../../../engine/src/delivery/types.js';
import type { Actor } from '../access/types.js';
import { getUser } from '../access/users.js';
import type { PublishedApp } from '../apps/appRegistry.js';
import type { RuntimeContext } from '../context.js';
import type { JobHandler } from '../jobs/types.js';
import { readableDashboardOrThrow, runDashboardWidgets } from './dashboardService.js';
import { labelText } from './reportDefinitions.js';
import { reportFile } from './reportExport.js';
import { readableReportOrThrow, runStoredReport } from './reportService.js';
import { runOptionsOrThrow } from './runOptions.js';
import { nextRunAfter } from './scheduleCadence.js';
import {
  enqueueScheduleRun,
  getSchedule,
  REPORT_SCHEDULE_JOB,
  type ReportSchedule,
  saveSchedule,
} from './scheduleStore.js';

interface Mail {
  readonly subject: string;
  readonly text: string;
  readonly attachments: DeliveryAttachment[];
}

const TEXT: Readonly<Record<string, (title: string, date: string) => string>> = {
  en: (title, date) => `${title} as of ${date} is attached.`,
  'zh-CN': (title, date) => `附件是截至 ${date} 的「${title}」。`,
};

async function ownerActor(ctx: RuntimeContext, s: ReportSchedule): Promise<Actor> {
  const owner = await getUser(ctx.db, s.tenantId, s.ownerId);
  if (!owner?.active) throw new LeadforgeError('FORBIDDEN', 'the schedule owner is no longer an active user');
  return { tenantId: s.tenantId, userId: owner.id, role: owner.role, teamId: owner.teamId, via: 'token' };
}

const attachment = (file: { filename: string; contentType: string; content: Buffer }): DeliveryAttachment => ({
  filename: file.filename,
  contentType: file.contentType,
  contentBase64: file.content.toString('base64'),
});

/** Runs the schedule's report or dashboard as its owner and turns it into a mail with the files attached. */
async function mailOf(ctx: RuntimeContext, published: PublishedApp, s: ReportSchedule, now: Date): Promise<Mail> {
  const actor = await ownerActor(ctx, s);
  const { app } = published;
  const query = { ...s.filters, ...(s.locale === null ? {} : { locale: s.locale }) };
  const date = now.toISOString().slice(0, 10);
  if (s.kind === 'report') {
    const report = readableReportOrThrow(app, actor, s.target);
    const options = runOptionsOrThrow(app, query);
    const run = await runStoredReport(ctx, app, actor, report, options);
    const file = await reportFile(run.result, { format: s.format, locale: options.locale, name: report.id, date: now });
    const title = labelText(report.label, options.locale, report.id);
    return {
      subject: title,
      text: (TEXT[options.locale] ?? TEXT['en']!)(title, date),
      attachments: [attachment(file)],
    };
  }
  const dashboard = readableDashboardOrThrow(app, actor, s.target);
  const options = runOptionsOrThrow(app, query, dashboard);
  const run = await runDashboardWidgets(ctx, app, actor, dashboard, options);
  const attachments: DeliveryAttachment[] = [];
  const failed: string[] = [];
  for (const widget of run.widgets) {
    if (!widget.run) {
      failed.push(`${widget.title}: ${widget.error?.message ?? 'failed'}`);
      continue;
    }
    const name = `${dashboard.id}-${widget.id}`;
    attachments.push(
      attachment(await reportFile(widget.run.result, { format: s.format, locale: options.locale, name, date: now })),
    );
  }
  const title = labelText(dashboard.label, options.locale, dashboard.id);
  const text = [(TEXT[options.locale] ?? TEXT['en']!)(title, date), ...failed].join('\n');
  return { subject: title, text, attachments };
}

/**
 * The `report.schedule` job: one due time of one schedule. A job whose due time is no longer the
 * schedule's (changed, paused or deleted since) ends without sending. Otherwise the mail goes to
 * the outbox, the outcome is recorded and the next due time's job is written, all in the
 * transaction that completes this job under its lease: a due time is sent once.
 */
export function reportScheduleJobHandlers(ctx: RuntimeContext): Record<string, JobHandler> {
  return {
    [REPORT_SCHEDULE_JOB]: async (job) => {
      const { scheduleId, dueAt } = job.job.payload as { scheduleId: string; dueAt: string };
      const tenantId = job.job.tenantId;
      const schedule = await getSchedule(job.db, tenantId, scheduleId);
      if (!schedule?.active || schedule.nextRunAt?.toISOString() !== dueAt) return { outcome: 'done' };
      const published = await ctx.apps.current(tenantId);
      const now = job.clock.now();
      let mail: Mail | null = null;
      let error: string | null = null;
      try {
        if (!published) throw new LeadforgeError('NOT_FOUND', 'no app is published');
        mail = await mailOf(ctx, published, schedule, now);
      } catch (e) {
        // an unexpected failure is retried; on the last attempt it is recorded and the schedule moves on
        if (!(e instanceof LeadforgeError) && job.job.attempt < job.job.maxAttempts) throw e;
        error = e instanceof LeadforgeError ? e.message : 'the report failed to run';
      }
      await job.completeWith(async (tx) => {
        const current = await getSchedule(tx, tenantId, scheduleId, true);
        if (!current?.active || current.nextRunAt?.toISOString() !== dueAt) return;
        if (mail) {
          await enqueueDelivery(
            tx,
            {
              tenantId,
              endpointId: current.endpointId,
              message: {
                id: `report-schedule-${current.id}-${Date.parse(dueAt)}`,
                event: 'report.scheduled',
                occurredAt: now.toISOString(),
                data: { schedule: current.id, [current.kind]: current.target, dueAt },
                subject: mail.subject,
                text: mail.text,
                to: current.recipients,
                attachments: mail.attachments,
              },
            },
            now,
          );
        }
        const next = await saveSchedule(tx, {
          ...current,
          lastRunAt: now,
          lastStatus: mail ? 'sent' : 'failed',
          lastError: error,
          nextRunAt: nextRunAfter(current.cadence, new Date(Math.max(now.getTime(), Date.parse(dueAt)))),
        });
        await enqueueScheduleRun(tx, next, now);
      });
      return undefined;
    },
  };
}
