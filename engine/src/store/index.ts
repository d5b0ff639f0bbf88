export * from './ensureIndexes.js';
export * from './migrate.js';
export { type Migration, migrations } from './migrations/index.js';
export * from './query.js';
export * from './records.js';
export { scopeCondition } from './rowScope.js';
export { assertIdentifier, isSqlFragment, type RenderedSql, render, type SqlFragment, sql } from './sql.js';
export * from './types.js';
