import { randomUUID } from 'node:crypto';
import {
  LeadforgeError,
  type PoolAction,
  type PoolStatus,
  poolTransitionOrThrow,
  type SqlExecutor,
} from '@leadforge/engine';
import type { PoolEntryDefinition } from '../routing/appRouting.js';
import { type LockedRecord, setRecordOwner } from '../routing/recordOwner.js';
import { armPoolTimer } from './poolJobs.js';

/** A record's place in a lead pool. */
export interface PoolEntry {
  readonly pool: string;
  readonly recordId: string;
  readonly object: string;
  readonly status: PoolStatus;
  readonly holderId: string | null;
  readonly epoch: number;
  readonly returnReason: string | null;
  readonly enteredAt: string;
  readonly claimedAt: string | null;
  readonly acceptedAt: string | null;
  readonly statusAt: string;
}

export interface PoolEntryDbRow {
  pool: string;
  record_id: string;
  object: string;
  status: PoolStatus;
  holder_id: string | null;
  epoch: number;
  return_reason: string | null;
  entered_at: Date | string;
  claimed_at: Date | string | null;
  accepted_at: Date | string | null;
  status_at: Date | string;
}

export const POOL_ENTRY_COLUMNS =
  'pool, record_id, object, status, holder_id, epoch, return_reason, entered_at, claimed_at, accepted_at, status_at';

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export function toPoolEntry(r: PoolEntryDbRow): PoolEntry {
  return {
    pool: r.pool,
    recordId: r.record_id,
    object: r.object,
    status: r.status,
    holderId: r.holder_id,
    epoch: r.epoch,
    returnReason: r.return_reason,
    enteredAt: iso(r.entered_at)!,
    claimedAt: iso(r.claimed_at),
    acceptedAt: iso(r.accepted_at),
    statusAt: iso(r.status_at)!,
  };
}

/** Locks a record's entry in a pool for the rest of the transaction. */
export async function lockPoolEntry(
  tx: SqlExecutor,
  tenantId: string,
  pool: string,
  recordId: string,
): Promise<PoolEntry | null> {
  const { rows } = await tx.query<PoolEntryDbRow>(
    `SELECT ${POOL_ENTRY_COLUMNS} FROM pool_entries WHERE tenant_id = $1 AND pool = $2 AND record_id = $3::uuid FOR UPDATE`,
    [tenantId, pool, recordId],
  );
  return rows[0] ? toPoolEntry(rows[0]) : null;
}

export interface PoolMove {
  readonly tenantId: string;
  readonly def: PoolEntryDefinition;
  readonly record: LockedRecord;
  /** The entry as locked, or null when the record enters the pool for the first time. */
  readonly entry: PoolEntry | null;
  readonly action: PoolAction;
  /** Who holds the lead afterwards (claim), null otherwise; the record's owner follows. */
  readonly holder?: { readonly id: string; readonly teamId: string | null } | null;
  /** The team a lead waiting in the pool belongs to (the pool's team). */
  readonly poolTeamId?: string | null;
  readonly reason?: string | null;
  readonly actorId: string | null;
  readonly now: Date;
}

/**
 * Applies one validated pool transition: the entry's new status (epoch + 1, so older timers do
 * nothing), the record's owner (holder, or nobody while it waits in the pool), a `pool.<action>`
 * event and the timer the new status needs. Converted / invalid leads keep their owner.
 */
export async function movePoolEntry(tx: SqlExecutor, m: PoolMove): Promise<PoolEntry> {
  const from: PoolStatus = m.entry?.status ?? 'unassigned';
  const to = m.entry ? poolTransitionOrThrow(from, m.action) : 'unassigned';
  if (!m.entry && m.action !== 'enter') throw new LeadforgeError('NOT_FOUND', 'the lead is not in this pool');
  const holderId = to === 'unassigned' ? null : to === 'pending' ? (m.holder?.id ?? null) : (m.entry?.holderId ?? null);
  const { rows } = await tx.query<PoolEntryDbRow>(
    `INSERT INTO pool_entries (tenant_id, pool, record_id, object, status, holder_id, epoch, return_reason, entered_at,
                               claimed_at, accepted_at, status_at)
     VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, NULL, NULL, $8)
     ON CONFLICT (tenant_id, pool, record_id) DO UPDATE SET
       status = EXCLUDED.status, holder_id = EXCLUDED.holder_id, epoch = pool_entries.epoch + 1,
       return_reason = CASE WHEN EXCLUDED.status = 'unassigned' THEN EXCLUDED.return_reason ELSE pool_entries.return_reason END,
       entered_at = CASE WHEN EXCLUDED.status = 'unassigned' THEN EXCLUDED.entered_at ELSE pool_entries.entered_at END,
       claimed_at = CASE WHEN EXCLUDED.status = 'pending' THEN EXCLUDED.status_at
                         WHEN EXCLUDED.status = 'unassigned' THEN NULL ELSE pool_entries.claimed_at END,
       accepted_at = CASE WHEN EXCLUDED.status = 'in_progress' THEN EXCLUDED.status_at
                          WHEN EXCLUDED.status IN ('unassigned', 'pending') THEN NULL ELSE pool_entries.accepted_at END,
       status_at = EXCLUDED.status_at
     RETURNING ${POOL_ENTRY_COLUMNS}`,
    [m.tenantId, m.def.pool.id, m.record.id, m.record.object, to, holderId, m.reason ?? null, m.now],
  );
  const entry = toPoolEntry(rows[0]!);
  const eventData = {
    pool: m.def.pool.id,
    action: m.action,
    from: m.entry ? from : null,
    to,
    reason: m.reason ?? null,
  };
  if (to === 'unassigned' || to === 'pending') {
    const owner =
      to === 'pending'
        ? { ownerId: holderId, teamId: m.holder?.teamId ?? null }
        : { ownerId: null, teamId: m.poolTeamId ?? null };
    await setRecordOwner(tx, m.tenantId, m.record, owner, m.actorId, m.now, {
      cause: `pool.${m.action}`,
      pool: m.def.pool.id,
    });
  }
  await tx.query(
    `INSERT INTO events (tenant_id, id, record_id, object, type, at, data) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [
      m.tenantId,
      randomUUID(),
      m.record.id,
      m.record.object,
      `pool.${m.action}`,
      m.now,
      JSON.stringify({ ...eventData, actorId: m.actorId }),
    ],
  );
  await armPoolTimer(tx, m.tenantId, m.def.pool, entry, m.now);
  return entry;
}
