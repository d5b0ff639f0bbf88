import type { RuntimeConfig } from '../../../runtime/src/config.js';
import { call, type Reply } from '../../support/http.js';
import { type ManualClock, manualClock } from '../../support/manualClock.js';
import { startTestRuntime, type TestRuntime } from '../../support/testRuntime.js';
import { testTemplateFolder } from './captureApp.js';

export interface CaptureRuntime {
  readonly rt: TestRuntime;
  readonly clock: ManualClock;
  /** GET the public form (tenant default unless given). */
  openForm(form: string, query?: string, headers?: Record<string, string>): Promise<Reply>;
  /** GET the form, let the visitor take 10 seconds, POST the answers; extra parts override the body. */
  fillAndSubmit(form: string, answers: Record<string, unknown>, extra?: SubmitExtra): Promise<Reply>;
  /** POST a submission body as given. */
  submit(form: string, body: unknown, headers?: Record<string, string>, query?: string): Promise<Reply>;
  count(
    table: 'records' | 'events' | 'capture_quarantine' | 'capture_pending' | 'jobs' | 'record_history',
  ): Promise<number>;
  close(): Promise<void>;
}

export interface SubmitExtra {
  readonly body?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
  readonly query?: string;
  /** Milliseconds between opening the form and submitting it (default 10 s). */
  readonly fillMs?: number;
}

/** The real runtime on PostgreSQL with a manual clock and the capture test template. */
export async function startCaptureRuntime(config: Partial<RuntimeConfig> = {}): Promise<CaptureRuntime> {
  const template = await testTemplateFolder();
  const clock = manualClock(new Date('2026-03-02T09:00:30Z'));
  const rt = await startTestRuntime({ clock, config, template: template.dir });
  const openForm = (form: string, query = '', headers: Record<string, string> = {}) =>
    call(rt.url, 'GET', `/api/v1/public/forms/${form}${query}`, { headers });
  const submit = (form: string, body: unknown, headers: Record<string, string> = {}, query = '') =>
    call(rt.url, 'POST', `/api/v1/public/forms/${form}/submissions${query}`, { body, headers });
  return {
    rt,
    clock,
    openForm,
    submit,
    async fillAndSubmit(form, answers, extra = {}) {
      const opened = await openForm(form, extra.query ?? '', extra.headers ?? {});
      if (opened.status !== 200) throw new Error(`opening ${form}: ${opened.status} ${opened.text}`);
      clock.advance(extra.fillMs ?? 10_000);
      const consent = opened.body.consent ? { consent: { accepted: true, version: opened.body.consent.version } } : {};
      const body = { answers, hidden: {}, renderToken: opened.body.renderToken, ...consent, ...(extra.body ?? {}) };
      return submit(form, body, extra.headers ?? {}, extra.query ?? '');
    },
    async count(table) {
      const { rows } = await rt.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      return Number(rows[0]!.n);
    },
    async close() {
      await rt.close();
      await template.remove();
    },
  };
}

/** A lead's row straight from the database (data and attribution) by email. */
export async function leadByEmail(cr: CaptureRuntime, email: string) {
  const { rows } = await cr.rt.ctx.db.query<{ id: string; data: Record<string, unknown>; attribution: any }>(
    `SELECT id, data, attribution FROM records WHERE object = 'lead' AND data->>'email' = $1 AND deleted_at IS NULL`,
    [email],
  );
  return rows;
}
