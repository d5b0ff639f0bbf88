import { publishPackage } from '../../../runtime/src/apps/publish.js';
import { DEFAULT_TENANT } from '../../../runtime/src/boot.js';
import { type RouteOutcome, routeRecord } from '../../../runtime/src/routing/routeRecord.js';
import type { Client } from '../../support/http.js';
import { type ManualClock, manualClock } from '../../support/manualClock.js';
import { PASSWORD } from '../../support/personas.js';
import { startTestRuntime, type TestRuntime } from '../../support/testRuntime.js';

export const TENANT = DEFAULT_TENANT;

export interface WorldUser {
  readonly id: string;
  readonly email: string;
}

/** A runtime on real PostgreSQL with a manual clock, where tests add teams, users and routing. */
export interface RoutingWorld {
  readonly rt: TestRuntime;
  readonly clock: ManualClock;
  team(name: string): Promise<string>;
  user(email: string, role: string, teamId: string | null, managerId?: string): Promise<WorldUser>;
  signIn(email: string): Promise<Client>;
  /** Publishes the sample with `routing/leads.json` replaced (or more routing files added). */
  publishRouting(files: Record<string, unknown>): Promise<void>;
  /** Inserts leads straight into the store (fast), returns their ids in creation order. */
  newLeads(n: number, data?: Record<string, unknown>): Promise<string[]>;
  route(recordId: string, cause?: 'route-now' | 'capture'): Promise<RouteOutcome>;
  ownerOf(recordId: string): Promise<string | null>;
  close(): Promise<void>;
}

let seq = 0;

export async function aRoutingWorld(driver: 'postgres' | 'pglite' = 'postgres'): Promise<RoutingWorld> {
  const clock = manualClock();
  const rt = await startTestRuntime({ driver, clock });
  const db = rt.ctx.db;
  return {
    rt,
    clock,
    async team(name) {
      const r = await rt.admin.post('/api/v1/teams', { name });
      if (r.status !== 201) throw new Error(`team ${name}: ${r.status} ${r.text}`);
      return r.body.id as string;
    },
    async user(email, role, teamId, managerId) {
      const r = await rt.admin.post('/api/v1/users', {
        email,
        name: email.split('@')[0],
        password: PASSWORD,
        role,
        teamId,
        ...(managerId ? { managerId } : {}),
      });
      if (r.status !== 201) throw new Error(`user ${email}: ${r.status} ${r.text}`);
      return { id: r.body.id as string, email };
    },
    signIn: (email) => rt.signIn(email, PASSWORD),
    async publishRouting(files) {
      const current = await rt.ctx.apps.current(TENANT);
      const pkg = { files: { ...current!.app.files, ...files } };
      await publishPackage(rt.ctx, TENANT, pkg, { actorId: null });
    },
    async newLeads(n, data = {}) {
      seq += 1;
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO records (tenant_id, object, id, data, created_at, updated_at)
         SELECT $1, 'lead', gen_random_uuid(), jsonb_build_object('name', 'Lead ' || $3::text || '-' || i) || $2::jsonb, $4::timestamptz + i * interval '1 millisecond', $4
           FROM generate_series(1, $5::int) AS i ORDER BY i RETURNING id`,
        [TENANT, JSON.stringify(data), String(seq), clock.now(), n],
      );
      return rows.map((r) => r.id);
    },
    async route(recordId, cause = 'route-now') {
      const app = (await rt.ctx.apps.current(TENANT))!.app;
      return db.transaction((tx) =>
        routeRecord(tx, { tenantId: TENANT, app, object: 'lead', recordId, cause, actorId: null, now: clock.now() }),
      );
    },
    async ownerOf(recordId) {
      const { rows } = await db.query<{ owner_id: string | null }>(
        'SELECT owner_id FROM records WHERE tenant_id = $1 AND id = $2',
        [TENANT, recordId],
      );
      return rows[0]?.owner_id ?? null;
    },
    close: () => rt.close(),
  };
}

/** A routing file for the lead object with these rules (and optional fallback and pools). */
export function aLeadRouting(extra: Record<string, unknown>): Record<string, unknown> {
  return { 'routing/leads.json': { id: 'leads', object: 'lead', ...extra } };
}

/** How many of `ids` each owner got. */
export async function ownerCounts(world: RoutingWorld, ids: readonly string[]): Promise<Record<string, number>> {
  const { rows } = await world.rt.ctx.db.query<{ owner_id: string | null; n: number }>(
    'SELECT owner_id, count(*)::int AS n FROM records WHERE tenant_id = $1 AND id = ANY($2::uuid[]) GROUP BY owner_id',
    [TENANT, ids],
  );
  return Object.fromEntries(rows.map((r) => [r.owner_id ?? '(none)', Number(r.n)]));
}
