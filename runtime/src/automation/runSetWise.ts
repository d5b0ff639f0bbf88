import { LeadforgeError, type SqlExecutor } from '@leadforge/engine';
import {
  type AutomationCause,
  type AutomationRecord,
  type CompiledAutomation,
  planStep,
} from '../../../engine/src/automation/index.js';
import { assertStorableData } from '../../../engine/src/store/storableData.js';
import type { PublishedApp } from '../apps/appRegistry.js';
import { automationsOf } from './appAutomations.js';
import { errorText } from './runAutomationStep.js';
import type { NewRun, RunStatus, StepLog } from './runStore.js';

/** The actions the set-wise runner carries out: record field writes and list adds (no wait, nothing outside the database). */
const SET_WISE_ACTIONS: ReadonlySet<string> = new Set(['set-field', 'compute-field', 'add-to-list']);

/** Whether every action of the automation can run set-wise. */
export function runsSetWise(automation: CompiledAutomation): boolean {
  return automation.actions.every((a) => SET_WISE_ACTIONS.has(a.type));
}

/** A run that is due now, planned by the dispatcher and not yet written. */
export interface DueRun {
  readonly run: NewRun;
  readonly automation: CompiledAutomation;
  readonly event: Readonly<Record<string, unknown>> | null;
}

interface HistoryRow {
  readonly recordId: string;
  readonly object: string;
  readonly version: number;
  readonly changes: Record<string, { from: unknown; to: unknown }>;
  readonly cause: AutomationCause;
}

interface ListAdd {
  readonly list: string;
  readonly object: string;
  readonly recordId: string;
  readonly runId: string;
  readonly automation: string;
  /** The step's log line; `added` is filled in once the insert says whether the record was new to the list. */
  readonly step: { result: { list: string; added: boolean } };
}

/** What one record's field writes come to: every removed key and every set value, in patch order. */
interface RecordWrite {
  readonly record: AutomationRecord;
  readonly expected: number;
  net: Map<string, unknown>;
}

const REMOVED = Symbol('removed');

/** Deep equality of JSON values regardless of key order (jsonb's equality). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    return a.length === bs.length && a.every((v, i) => sameJson(v, bs[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao);
  return keys.length === Object.keys(bo).length && keys.every((k) => Object.hasOwn(bo, k) && sameJson(ao[k], bo[k]));
}

/**
 * A `set-field`/`compute-field` step applied in memory exactly as `updateRecord` applies it in
 * SQL: `null` removes a field, a patch that changes nothing writes no version and no history.
 */
function applyPatch(
  published: PublishedApp,
  record: AutomationRecord,
  set: Readonly<Record<string, unknown>>,
): { value: Record<string, unknown>; data: Record<string, unknown>; changes: HistoryRow['changes'] } {
  const object = published.app.objects[record.object];
  if (!object) throw new LeadforgeError('NOT_FOUND', `object "${record.object}" is not in this app version`);
  const valid = object.validatePatch(set);
  if (!valid.ok) throw new LeadforgeError('INVALID', 'the value does not fit the field', [...valid.problems]);
  const setValues = Object.fromEntries(Object.entries(valid.value).filter(([, v]) => v !== null && v !== undefined));
  assertStorableData(setValues, '/set');
  const data: Record<string, unknown> = { ...record.data };
  for (const [k, v] of Object.entries(valid.value)) {
    if (v === null || v === undefined) delete data[k];
    else data[k] = v;
  }
  const changes: HistoryRow['changes'] = {};
  for (const k of new Set([...Object.keys(record.data), ...Object.keys(data)]))
    if (!sameJson(record.data[k], data[k])) changes[k] = { from: record.data[k] ?? null, to: data[k] ?? null };
  return { value: valid.value, data, changes };
}

/** Everything a batch of set-wise runs writes, gathered in memory first. */
interface BatchWrites {
  readonly runs: NewRun[];
  readonly writes: Map<string, RecordWrite>;
  readonly history: HistoryRow[];
  readonly lists: ListAdd[];
}

/** Carries one run's steps out in memory on `record` (the locked record as earlier runs of the batch left it). */
function runInMemory(
  published: PublishedApp,
  due: DueRun,
  start: AutomationRecord,
  now: Date,
  out: BatchWrites,
): AutomationRecord {
  const { run, automation, event } = due;
  const cause: AutomationCause = {
    depth: run.depth,
    chain: [...(run.cause as AutomationCause).chain, run.automation],
    runId: run.id,
  };
  const stageField = automationsOf(published.app).stageField(start.object);
  const steps: StepLog[] = [];
  const at = now.toISOString();
  let record = start;
  let status: RunStatus = 'done';
  let nextStep = automation.actions.length;
  let reason: string | null = null;
  for (let index = 0; index < automation.actions.length; index++) {
    const type = automation.actions[index]!.type;
    const plan = planStep({
      automation,
      index,
      record,
      event,
      locale: published.app.defaultLocale,
      stageField,
      context: { now },
    });
    try {
      if (plan.kind === 'error') throw new LeadforgeError('INVALID', plan.message);
      if (plan.kind === 'list') {
        const step = {
          index,
          type,
          phase: plan.phase,
          status: 'done' as const,
          result: { list: plan.list, added: false },
          at,
        };
        out.lists.push({
          list: plan.list,
          object: record.object,
          recordId: record.id,
          runId: run.id,
          automation: run.automation,
          step,
        });
        steps.push(step);
        continue;
      }
      if (plan.kind !== 'update') throw new Error(`step kind "${plan.kind}" does not run set-wise`);
      const patch = applyPatch(published, record, plan.set);
      if (Object.keys(patch.changes).length > 0) {
        const write = out.writes.get(record.id) ?? { record: start, expected: record.version, net: new Map() };
        for (const [k, v] of Object.entries(patch.value)) write.net.set(k, v === null || v === undefined ? REMOVED : v);
        out.writes.set(record.id, write);
        record = { ...record, data: patch.data, version: record.version + 1, updatedAt: now };
        out.history.push({
          recordId: record.id,
          object: record.object,
          version: record.version,
          changes: patch.changes,
          cause,
        });
      }
      steps.push({
        index,
        type,
        phase: plan.phase,
        status: 'done',
        result: { set: patch.value, version: record.version },
        at,
      });
    } catch (error) {
      if (!(error instanceof LeadforgeError)) throw error;
      steps.push({ index, type, phase: plan.phase, status: 'failed', error: errorText(error), at });
      status = 'failed';
      nextStep = index;
      reason = `step ${index} (${type}) failed`;
      break;
    }
  }
  out.runs.push({ ...run, status, steps, nextStep, reason, resumeAt: null, finishedAt: now });
  return record;
}

async function writeRecords(
  tx: SqlExecutor,
  tenantId: string,
  out: BatchWrites,
  now: Date,
  inboxAfter: string,
): Promise<void> {
  if (out.history.length === 0) return;
  const versions = new Map<string, number>();
  for (const h of out.history) versions.set(h.recordId, (versions.get(h.recordId) ?? 0) + 1);
  const updates = [...out.writes.values()].map((w) => {
    const removed: string[] = [];
    const set: Record<string, unknown> = {};
    for (const [k, v] of w.net) {
      if (v === REMOVED) removed.push(k);
      else set[k] = v;
    }
    return {
      id: w.record.id,
      expected: w.expected,
      version: w.expected + (versions.get(w.record.id) ?? 0),
      removed,
      set,
    };
  });
  // data = (data - removed) || set, as updateRecord writes it: untouched fields keep their jsonb
  // exactly; one history row per version, each with the cause of the run that wrote it. The
  // records are reached through the primary key (`id = ANY`), never by hashing the whole table.
  const { rows } = await tx.query<{ updated: number; history: { id: string; record_id: string; version: number }[] }>(
    `WITH u AS (
       UPDATE records r SET data = (r.data - ARRAY(SELECT jsonb_array_elements_text(w.removed))) || w.set,
         version = w.version, updated_at = $3
       FROM jsonb_to_recordset($2::jsonb) AS w(id uuid, expected int, version int, removed jsonb, set jsonb)
       WHERE r.tenant_id = $1 AND r.id = ANY($5::uuid[]) AND r.id = w.id AND r.version = w.expected
         AND r.deleted_at IS NULL
       RETURNING r.id
     ), h AS (
       INSERT INTO record_history (tenant_id, record_id, object, version, actor_id, at, action, changes)
       SELECT $1, x.record_id, x.object, x.version, NULL, $3, 'update', x.changes
       FROM jsonb_to_recordset($4::jsonb) AS x(record_id uuid, object text, version int, changes jsonb)
       RETURNING id::text AS id, record_id::text AS record_id, version
     )
     SELECT (SELECT count(*)::int FROM u) AS updated,
       COALESCE((SELECT jsonb_agg(jsonb_build_object('id', id, 'record_id', record_id, 'version', version)) FROM h), '[]') AS history`,
    [
      tenantId,
      JSON.stringify(updates),
      now,
      JSON.stringify(
        out.history.map((h) => ({ record_id: h.recordId, object: h.object, version: h.version, changes: h.changes })),
      ),
      updates.map((u) => u.id),
    ],
  );
  const result = rows[0]!;
  if (Number(result.updated) !== updates.length) throw new Error('a record changed under its lock');
  // the inbox trigger wrote the history rows' inbox rows without a cause: give each its run's
  // (loop protection reads it when the dispatcher takes them). They are newer than every row the
  // batch claimed (identity order), so the primary key narrows the search to the inbox's tail.
  const causeOf = new Map(out.history.map((h) => [`${h.recordId}:${h.version}`, h.cause]));
  const causes: Record<string, AutomationCause | undefined> = {};
  for (const h of result.history) causes[h.id] = causeOf.get(`${h.record_id}:${h.version}`);
  const { rowCount } = await tx.query(
    `UPDATE automation_inbox i SET cause = $2::jsonb -> i.source_id
     WHERE i.tenant_id = $1 AND i.id > $3::bigint AND i.source = 'history' AND i.source_id = ANY($4::text[])`,
    [tenantId, JSON.stringify(causes), inboxAfter, Object.keys(causes)],
  );
  if (rowCount !== result.history.length) throw new Error('the inbox rows of the runs’ changes are missing');
}

async function writeListMembers(tx: SqlExecutor, tenantId: string, lists: readonly ListAdd[], now: Date) {
  // one row per (list, record): a later add of the same record in the batch finds it there (added: false)
  const first = new Map<string, ListAdd>();
  for (const l of lists) if (!first.has(`${l.list}\u0000${l.recordId}`)) first.set(`${l.list}\u0000${l.recordId}`, l);
  if (first.size === 0) return;
  const { rows } = await tx.query<{ list_id: string; record_id: string }>(
    `WITH x AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(list text, object text, record_id uuid, automation text, run_id text)
     ), l AS (
       INSERT INTO lists (tenant_id, id, object, created_at)
       SELECT DISTINCT ON (x.list) $1, x.list, x.object, $3::timestamptz FROM x ORDER BY x.list
       ON CONFLICT DO NOTHING
     )
     INSERT INTO list_members (tenant_id, list_id, record_id, added_at, added_by)
     SELECT $1, x.list, x.record_id, $3, jsonb_build_object('automation', x.automation, 'runId', x.run_id) FROM x
     ON CONFLICT DO NOTHING
     RETURNING list_id, record_id::text AS record_id`,
    [
      tenantId,
      JSON.stringify(
        [...first.values()].map((l) => ({
          list: l.list,
          object: l.object,
          record_id: l.recordId,
          automation: l.automation,
          run_id: l.runId,
        })),
      ),
      now,
    ],
  );
  const added = new Set(rows.map((r) => `${r.list_id}\u0000${r.record_id}`));
  for (const l of first.values()) l.step.result.added = added.has(`${l.list}\u0000${l.recordId}`);
}

/**
 * Runs a dispatch batch's due runs whose actions are all field writes and list adds, set-wise:
 * each run's steps are carried out in memory on its record (locked by the caller, in record
 * order, runs of one record one after the other), then one statement writes the records and
 * their history rows, one gives the inbox rows of those changes their run's cause (loop
 * protection) and one adds the list members — a few statements per batch instead of about ten
 * per run. A step refused with a LeadforgeError fails its run (logged), as in `advanceRun`;
 * anything else throws (the caller falls back). Answers the finished runs with their log, for
 * the caller to write with the batch's other runs. `inboxAfter` is the highest inbox id the
 * batch claimed.
 */
export async function runSetWise(
  tx: SqlExecutor,
  published: PublishedApp,
  due: readonly DueRun[],
  records: ReadonlyMap<string, AutomationRecord>,
  now: Date,
  inboxAfter: string,
): Promise<NewRun[]> {
  const out: BatchWrites = { runs: [], writes: new Map(), history: [], lists: [] };
  const current = new Map(records);
  for (const d of due) {
    const record = current.get(d.run.recordId ?? '');
    if (!record) throw new Error(`record ${d.run.recordId} was not locked for its run`);
    current.set(record.id, runInMemory(published, d, record, now, out));
  }
  const tenantId = published.tenantId;
  await writeRecords(tx, tenantId, out, now, inboxAfter);
  await writeListMembers(tx, tenantId, out.lists, now);
  return out.runs;
}
