import type { SqlExecutor } from '@leadforge/engine';
import type { PublishedApp } from '../apps/appRegistry.js';
import { type RescoreOutcome, rescoreRecord } from './rescoreRecords.js';

/**
 * The hook for capture (and record edits): call it inside the capture's transaction, after the
 * record and its events are written. With the form's `visitorId` (the snippet's `lf_vid` cookie,
 * sent as a hidden field) the visitor is stitched to the record first, so its earlier anonymous
 * events count. The cause on the history rows is the capture's event.
 */
export async function scoreAfterCapture(
  tx: SqlExecutor,
  published: PublishedApp,
  recordId: string,
  now: Date,
  options: { readonly eventId?: string; readonly visitorId?: string } = {},
): Promise<RescoreOutcome> {
  if (options.visitorId && /^[A-Za-z0-9_-]{8,64}$/.test(options.visitorId))
    await tx.query(
      `INSERT INTO tracking_visitors (tenant_id, visitor_id, record_id, identified_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, visitor_id) DO NOTHING`,
      [published.tenantId, options.visitorId, recordId, now],
    );
  return rescoreRecord(
    tx,
    published,
    published.tenantId,
    recordId,
    now,
    options.eventId ? { eventId: options.eventId } : { reason: 'record.changed' },
  );
}
