import { type SqlFragment, sql } from './sql.js';

/**
 * Which records a caller may see: all of them, their team's and their own, or their own.
 * `team` = `team_id = teamId OR owner_id = userId`; `own` = `owner_id = userId`.
 */
export type RowScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'team'; readonly teamId: string | null; readonly userId: string }
  | { readonly kind: 'own'; readonly userId: string };

/** The scope as a condition on `records`; a user filter is always ANDed inside it, never beside it. */
export function scopeCondition(scope: RowScope): SqlFragment {
  switch (scope.kind) {
    case 'all':
      return sql`TRUE`;
    case 'own':
      return sql`owner_id = ${scope.userId}::uuid`;
    case 'team':
      return scope.teamId === null
        ? sql`owner_id = ${scope.userId}::uuid`
        : sql`(team_id = ${scope.teamId}::uuid OR owner_id = ${scope.userId}::uuid)`;
  }
}
