import type { SqlExecutor } from '@leadforge/engine';
import type { PublishedApp } from '../apps/appRegistry.js';
import { automationsOf } from './appAutomations.js';

/**
 * Creates the lists the published automations add records to (`add-to-list`), once, at publish:
 * the first runs of a burst then find their list committed instead of queueing (and, in
 * different orders, deadlocking) on inserting the same new `lists` rows. Lists a run names that
 * are not here yet (an app published before) are still created on first use.
 */
export async function createAutomationLists(db: SqlExecutor, published: PublishedApp, now: Date): Promise<number> {
  const lists = new Map<string, string>();
  for (const a of automationsOf(published.app).all)
    for (const action of a.actions)
      if (action.type === 'add-to-list' && !lists.has(action.list)) lists.set(action.list, a.object);
  if (lists.size === 0) return 0;
  const ids = [...lists.keys()].sort();
  const { rowCount } = await db.query(
    `INSERT INTO lists (tenant_id, id, object, created_at)
     SELECT $1, l.id, l.object, $4 FROM unnest($2::text[], $3::text[]) AS l(id, object)
     ON CONFLICT DO NOTHING`,
    [published.tenantId, ids, ids.map((id) => lists.get(id)!), now],
  );
  return rowCount;
}
