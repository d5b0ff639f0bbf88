import { migrate, type SqlDriver } from '@leadforge/engine';
import { openPglite } from './drivers/openPglite.js';
import { openPostgres } from './drivers/openPostgres.js';

export interface DatabaseOptions {
  /** PostgreSQL connection URL (the CLI passes DATABASE_URL); when set it wins over `dataDir`. */
  readonly databaseUrl?: string | undefined;
  /** The embedded PGlite data folder, used when there is no `databaseUrl`. */
  readonly dataDir: string;
}

/** Opens PostgreSQL or embedded PGlite and brings the schema up to date before anyone uses it. */
export async function openDatabase(options: DatabaseOptions): Promise<SqlDriver> {
  const driver = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options.dataDir);
  try {
    await migrate(driver);
  } catch (error) {
    await driver.close();
    throw error;
  }
  return driver;
}
