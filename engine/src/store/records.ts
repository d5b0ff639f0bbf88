/** The records repository: every function takes a SqlExecutor, so it runs inside the caller's transaction. */
export { ensureTenant } from './ensureTenant.js';
export { getRecord, isRecordId, type RecordKey } from './getRecord.js';
export { insertRecord, type NewRecord } from './insertRecord.js';
export { listHistory } from './listHistory.js';
export {
  countRecords,
  listRecords,
  type RecordPage,
  type RecordPageQuery,
  type RecordQuery,
  recordListWhere,
} from './listRecords.js';
export {
  type HistoryAction,
  type HistoryEntry,
  RECORD_COLUMNS,
  type RecordDbRow,
  type RecordRow,
  toRecordRow,
} from './recordRow.js';
export type { RowScope } from './rowScope.js';
export { type RecordLifecycleChange, restoreRecord, softDeleteRecord } from './softDeleteRecord.js';
export { type RecordUpdate, updateRecord, type WriteResult } from './updateRecord.js';
