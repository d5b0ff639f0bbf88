import type { Result } from '../../errors/types.js';
import type { RowScope } from '../../store/rowScope.js';
import type { SqlFragment } from '../../store/sql.js';
import { compileSourceFilter } from '../sourceFilter.js';

/**
 * The filter a leaderboard's activity count drills into (`DrillDown.source` "activities", object "*"):
 * `{ "actor": <user id>, "actorTeam": <team id>, "occurredAt": { "$gte": …, "$lt": … } }`, every
 * key optional — a source filter over activities of every object (`compileSourceFilter`), keeping
 * only activities on live records the viewer's scope shows, as the leaderboard counts them.
 */
export function compileActivityFilter(filter: unknown, tenantId: string, scope: RowScope): Result<SqlFragment> {
  return compileSourceFilter('activities', filter, { tenantId, scope });
}
