import { randomUUID } from 'node:crypto';
import { LeadforgeError, type Problem } from '@leadforge/engine';
import { getEndpoint } from '../../../engine/src/delivery/index.js';
import { isAdmin } from '../access/permissions.js';
import type { Actor } from '../access/types.js';
import { getUser } from '../access/users.js';
import { appTimeZone } from '../apps/appTimeZone.js';
import type { RuntimeContext } from '../context.js';
import { envelopeOrThrow, isPlainObject, UUID } from '../records/recordInput.js';
import { readableDashboardOrThrow } from './dashboardService.js';
import { publishedOrThrow } from './reportRun.js';
import { readableReportOrThrow } from './reportService.js';
import { RUN_PARAMS, runOptionsOrThrow } from './runOptions.js';
import { cadenceOrThrow, nextRunAfter } from './scheduleCadence.js';
import {
  deleteSchedule,
  enqueueScheduleRun,
  getSchedule,
  listSchedules,
  type ReportSchedule,
  saveSchedule,
} from './scheduleStore.js';

/** A schedule as the API shows it. */
export interface ApiSchedule {
  readonly id: string;
  readonly report?: string;
  readonly dashboard?: string;
  readonly owner: string;
  readonly endpoint: string;
  readonly recipients: readonly string[];
  readonly format: 'csv' | 'xlsx';
  readonly cadence: ReportSchedule['cadence'];
  readonly filters: ReportSchedule['filters'];
  readonly locale: string | null;
  readonly active: boolean;
  readonly nextRunAt: string | null;
  readonly lastRunAt: string | null;
  readonly lastStatus: 'sent' | 'failed' | null;
  readonly lastError: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export function apiSchedule(s: ReportSchedule): ApiSchedule {
  return {
    id: s.id,
    ...(s.kind === 'report' ? { report: s.target } : { dashboard: s.target }),
    owner: s.ownerId,
    endpoint: s.endpointId,
    recipients: s.recipients,
    format: s.format,
    cadence: s.cadence,
    filters: s.filters,
    locale: s.locale,
    active: s.active,
    nextRunAt: s.nextRunAt?.toISOString() ?? null,
    lastRunAt: s.lastRunAt?.toISOString() ?? null,
    lastStatus: s.lastStatus,
    lastError: s.lastError,
    createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    version: s.version,
  };
}

/** Schedules send data to outside addresses: admins and ops manage them (as they read automation runs). */
async function mayManageOrThrow(ctx: RuntimeContext, actor: Actor): Promise<void> {
  const published = await ctx.apps.current(actor.tenantId);
  if (isAdmin(published?.app ?? null, actor) || actor.role === 'ops') return;
  throw new LeadforgeError('FORBIDDEN', 'only admins and ops manage report schedules');
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}$/;
const FIELDS = [
  'report',
  'dashboard',
  'owner',
  'endpoint',
  'recipients',
  'format',
  'cadence',
  'filters',
  'locale',
  'active',
] as const;

function recipientsOrProblem(value: unknown, problems: Problem[]): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 50) {
    problems.push({ path: '/recipients', message: 'must be an array of 1 to 50 email addresses' });
    return [];
  }
  value.forEach((v, i) => {
    if (typeof v !== 'string' || v.length > 320 || !EMAIL.test(v))
      problems.push({ path: `/recipients/${i}`, message: 'must be an email address' });
  });
  return value as string[];
}

function filtersOrProblem(value: unknown, problems: Problem[]): Record<string, string> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) {
    problems.push({ path: '/filters', message: `must be an object of run parameters (${RUN_PARAMS.join(', ')})` });
    return {};
  }
  for (const [k, v] of Object.entries(value)) {
    if (k === 'locale' || !(RUN_PARAMS as readonly string[]).includes(k))
      problems.push({ path: `/filters/${k}`, message: 'unknown run parameter' });
    else if (typeof v !== 'string') problems.push({ path: `/filters/${k}`, message: 'must be a string' });
  }
  return value as Record<string, string>;
}

type Input = Partial<Record<(typeof FIELDS)[number], unknown>>;

/** Checks a whole schedule (created, or an existing one with a change applied) against the published app. */
async function checkedOrThrow(
  ctx: RuntimeContext,
  actor: Actor,
  input: Input,
  base: ReportSchedule | null,
): Promise<Omit<ReportSchedule, 'nextRunAt' | 'lastRunAt' | 'lastStatus' | 'lastError' | 'createdAt' | 'version'>> {
  const published = await publishedOrThrow(ctx, actor.tenantId);
  const problems: Problem[] = [];
  const report = input.report ?? (base?.kind === 'report' && input.dashboard === undefined ? base.target : undefined);
  const dashboard =
    input.dashboard ?? (base?.kind === 'dashboard' && input.report === undefined ? base.target : undefined);
  if ((report === undefined) === (dashboard === undefined))
    problems.push({ path: '/report', message: 'give exactly one of report and dashboard' });
  for (const [name, v] of [
    ['report', report],
    ['dashboard', dashboard],
  ] as const) {
    if (v !== undefined && (typeof v !== 'string' || !/^[a-z][a-z0-9_-]{0,62}$/.test(v)))
      problems.push({ path: `/${name}`, message: `must be a ${name} id` });
  }
  const endpoint = input.endpoint ?? base?.endpointId;
  if (typeof endpoint !== 'string' || !/^[a-z0-9][a-z0-9_-]{0,63}$/i.test(endpoint))
    problems.push({ path: '/endpoint', message: 'must be the id of an email endpoint' });
  const recipients = recipientsOrProblem(input.recipients ?? base?.recipients, problems);
  const format = input.format ?? base?.format ?? 'xlsx';
  if (format !== 'csv' && format !== 'xlsx') problems.push({ path: '/format', message: 'must be one of: csv, xlsx' });
  const filters = filtersOrProblem(input.filters ?? base?.filters, problems);
  const locale = input.locale ?? base?.locale ?? null;
  if (locale !== null && typeof locale !== 'string') problems.push({ path: '/locale', message: 'must be a locale' });
  const active = input.active ?? base?.active ?? true;
  if (typeof active !== 'boolean') problems.push({ path: '/active', message: 'must be true or false' });
  const ownerId = input.owner ?? base?.ownerId ?? actor.userId;
  if (typeof ownerId !== 'string' || !UUID.test(ownerId))
    problems.push({ path: '/owner', message: 'must be a user id (uuid)' });
  if (problems.length > 0) throw new LeadforgeError('MALFORMED', 'invalid report schedule', problems);
  const cadence = cadenceOrThrow(input.cadence ?? base?.cadence, appTimeZone(published.app));
  const owner = await getUser(ctx.db, actor.tenantId, (ownerId as string).toLowerCase());
  if (!owner?.active)
    throw new LeadforgeError('INVALID', 'the owner must be an active user', [
      { path: '/owner', message: 'no active user has this id' },
    ]);
  const ownerActor: Actor = {
    tenantId: actor.tenantId,
    userId: owner.id,
    role: owner.role,
    teamId: owner.teamId,
    via: 'token',
  };
  const target = (report ?? dashboard) as string;
  try {
    if (report !== undefined) readableReportOrThrow(published.app, ownerActor, target);
    else readableDashboardOrThrow(published.app, ownerActor, target);
    runOptionsOrThrow(
      published.app,
      { ...filters, ...(locale === null ? {} : { locale }) },
      dashboard === undefined ? undefined : readableDashboardOrThrow(published.app, ownerActor, target),
    );
  } catch (error) {
    if (!(error instanceof LeadforgeError)) throw error;
    const path = report !== undefined ? '/report' : '/dashboard';
    throw new LeadforgeError(
      'INVALID',
      `the schedule cannot run as its owner: ${error.message}`,
      error.details.length > 0
        ? error.details.map((d) => ({ path: d.path === '/id' ? path : `/filters${d.path}`, message: d.message }))
        : [{ path, message: error.message }],
    );
  }
  const stored = await getEndpoint(ctx.db, actor.tenantId, endpoint as string);
  if (stored?.channel !== 'email')
    throw new LeadforgeError('INVALID', 'the endpoint must be an email endpoint', [
      { path: '/endpoint', message: 'no email endpoint has this id' },
    ]);
  return {
    tenantId: actor.tenantId,
    id: base?.id ?? randomUUID(),
    kind: report !== undefined ? 'report' : 'dashboard',
    target,
    ownerId: owner.id,
    endpointId: endpoint as string,
    recipients,
    format: format as 'csv' | 'xlsx',
    cadence,
    filters,
    locale: locale as string | null,
    active: active as boolean,
    createdBy: base?.createdBy ?? actor.userId,
    updatedAt: ctx.clock.now(),
  };
}

function scheduleIdOrThrow(id: string): string {
  if (!UUID.test(id))
    throw new LeadforgeError('NOT_FOUND', 'no such report schedule', [
      { path: '/id', message: 'must be a schedule id' },
    ]);
  return id.toLowerCase();
}

async function scheduleOrThrow(ctx: RuntimeContext, actor: Actor, id: string): Promise<ReportSchedule> {
  const found = await getSchedule(ctx.db, actor.tenantId, scheduleIdOrThrow(id));
  if (!found)
    throw new LeadforgeError('NOT_FOUND', 'no such report schedule', [
      { path: '/id', message: 'no schedule has this id' },
    ]);
  return found;
}

export async function listReportSchedules(ctx: RuntimeContext, actor: Actor) {
  await mayManageOrThrow(ctx, actor);
  return { schedules: (await listSchedules(ctx.db, actor.tenantId)).map(apiSchedule) };
}

export async function getReportSchedule(ctx: RuntimeContext, actor: Actor, id: string): Promise<ApiSchedule> {
  await mayManageOrThrow(ctx, actor);
  return apiSchedule(await scheduleOrThrow(ctx, actor, id));
}

export async function createReportSchedule(ctx: RuntimeContext, actor: Actor, body: unknown): Promise<ApiSchedule> {
  await mayManageOrThrow(ctx, actor);
  const input = envelopeOrThrow(body, FIELDS);
  const checked = await checkedOrThrow(ctx, actor, input, null);
  const now = ctx.clock.now();
  const schedule: ReportSchedule = {
    ...checked,
    nextRunAt: checked.active ? nextRunAfter(checked.cadence, now) : null,
    lastRunAt: null,
    lastStatus: null,
    lastError: null,
    createdAt: now,
    version: 1,
  };
  return apiSchedule(
    await ctx.db.transaction(async (tx) => {
      const saved = await saveSchedule(tx, schedule);
      await enqueueScheduleRun(tx, saved, now);
      return saved;
    }),
  );
}

/** A change replaces the given properties; a new cadence or reactivation sets the next due time afresh. */
export async function updateReportSchedule(
  ctx: RuntimeContext,
  actor: Actor,
  id: string,
  body: unknown,
): Promise<ApiSchedule> {
  await mayManageOrThrow(ctx, actor);
  const input = envelopeOrThrow(body, FIELDS);
  const base = await scheduleOrThrow(ctx, actor, id);
  const checked = await checkedOrThrow(ctx, actor, input, base);
  const now = ctx.clock.now();
  return apiSchedule(
    await ctx.db.transaction(async (tx) => {
      const current = await getSchedule(tx, actor.tenantId, base.id, true);
      if (!current) throw new LeadforgeError('NOT_FOUND', 'no such report schedule');
      const retimed = JSON.stringify(current.cadence) !== JSON.stringify(checked.cadence) || !current.active;
      const nextRunAt = !checked.active
        ? null
        : retimed || !current.nextRunAt
          ? nextRunAfter(checked.cadence, now)
          : current.nextRunAt;
      const saved = await saveSchedule(tx, {
        ...current,
        ...checked,
        nextRunAt,
        version: current.version + 1,
      });
      await enqueueScheduleRun(tx, saved, now);
      return saved;
    }),
  );
}

export async function deleteReportSchedule(ctx: RuntimeContext, actor: Actor, id: string): Promise<void> {
  await mayManageOrThrow(ctx, actor);
  const found = await deleteSchedule(ctx.db, actor.tenantId, scheduleIdOrThrow(id));
  if (!found)
    throw new LeadforgeError('NOT_FOUND', 'no such report schedule', [
      { path: '/id', message: 'no schedule has this id' },
    ]);
}
