import { randomUUID } from 'node:crypto';
import type { PublishedApp } from '../../runtime/src/apps/appRegistry.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';
import { DAY_MS, type ManualClock, manualClock } from './clock.js';

export interface ScoringRuntime {
  readonly rt: TestRuntime;
  readonly clock: ManualClock;
  published(): Promise<PublishedApp>;
  /** Creates a lead (default: no fit points); answers its id. */
  aLead(data?: Record<string, unknown>): Promise<string>;
  /** Appends an event for a record straight into the log (as capture would). */
  anEvent(recordId: string | null, type: string, data?: Record<string, unknown>, at?: Date): Promise<string>;
  leadData(recordId: string): Promise<Record<string, any>>;
  scores(recordId: string): Promise<Record<string, any>>;
  history(recordId: string, model?: string): Promise<any[]>;
  crossings(recordId: string): Promise<any[]>;
  close(): Promise<void>;
}

let seq = 0;

export async function startScoringRuntime(config: Record<string, unknown> = {}): Promise<ScoringRuntime> {
  const clock = manualClock(new Date('2026-03-02T09:00:00Z'));
  const rt = await startTestRuntime({ clock, config });
  const tenant = 'default';
  return {
    rt,
    clock,
    async published() {
      const p = await rt.ctx.apps.current(tenant);
      if (!p) throw new Error('no published app');
      return p;
    },
    async aLead(data = {}) {
      seq += 1;
      // Straight into the store: sessions time out when a test moves the clock by days.
      const id = randomUUID();
      const fields = { name: `Lead ${seq}`, email: `lead${seq}@acme-corp.com`, industry: 'retail', employees: 50 };
      await rt.ctx.db.query(
        `INSERT INTO records (tenant_id, object, id, data, created_at, updated_at) VALUES ($1, 'lead', $2, $3, $4, $4)`,
        [tenant, id, JSON.stringify({ status: 'clue', score: 0, ...fields, ...data }), clock.now()],
      );
      return id;
    },
    async anEvent(recordId, type, data = {}, at = clock.now()) {
      const id = randomUUID();
      await rt.ctx.db.query(
        'INSERT INTO events (tenant_id, id, record_id, object, type, at, data) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [tenant, id, recordId, recordId ? 'lead' : null, type, at, JSON.stringify(data)],
      );
      return id;
    },
    async leadData(recordId) {
      const { rows } = await rt.ctx.db.query<any>('SELECT data FROM records WHERE tenant_id = $1 AND id = $2', [
        tenant,
        recordId,
      ]);
      return rows[0]?.data;
    },
    async scores(recordId) {
      const { rows } = await rt.ctx.db.query<any>(
        'SELECT model, score, grade, mql, mql_at, app_version, fired FROM record_scores WHERE tenant_id = $1 AND record_id = $2',
        [tenant, recordId],
      );
      return Object.fromEntries(rows.map((r) => [r.model, r]));
    },
    async history(recordId, model) {
      const { rows } = await rt.ctx.db.query<any>(
        `SELECT model, score, grade, mql, previous_score, previous_grade, cause FROM score_history
          WHERE tenant_id = $1 AND record_id = $2 AND ($3::text IS NULL OR model = $3) ORDER BY id`,
        [tenant, recordId, model ?? null],
      );
      return rows;
    },
    async crossings(recordId) {
      const { rows } = await rt.ctx.db.query<any>(
        `SELECT data FROM events WHERE tenant_id = $1 AND record_id = $2 AND type = 'score.crossed' ORDER BY seq`,
        [tenant, recordId],
      );
      return rows.map((r) => r.data);
    },
    close: () => rt.close(),
  };
}

export { DAY_MS };
