import type { SqlDriver } from '@leadforge/engine';
import { type OpenedTestDriver, openTestDriver } from '../../support/databases.js';

/** A describe block with one fresh PostgreSQL database (dropped afterwards); `db()` inside tests. */
export function describeOnPostgres(title: string, suite: (db: () => SqlDriver) => void): void {
  describe(title, function () {
    this.timeout(60_000);
    let opened: OpenedTestDriver | undefined;
    before(async () => {
      opened = await openTestDriver('postgres');
    });
    after(async () => {
      await opened?.dispose();
    });
    suite(() => {
      if (!opened) throw new Error('the database is not open yet');
      return opened.driver;
    });
  });
}
