export { type DataDirLock, LOCK_FILE, lockDataDir } from './dataDirLock.js';
export { openPglite } from './drivers/openPglite.js';
export { openPostgres } from './drivers/openPostgres.js';
export { type DatabaseOptions, openDatabase } from './openDatabase.js';
