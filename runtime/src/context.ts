import type { Clock, SqlDriver } from '@leadforge/engine';
import type { ActorCache } from './access/actorCache.js';
import type { AppRegistry } from './apps/appRegistry.js';
import type { RuntimeConfig } from './config.js';

/** What every runtime service needs: the database, the clock, the settings and the published apps. */
export interface RuntimeContext {
  readonly db: SqlDriver;
  readonly clock: Clock;
  readonly config: RuntimeConfig;
  readonly apps: AppRegistry;
  /** Recently resolved credentials (see ActorCache for how long another process may lag). */
  readonly actors: ActorCache;
}
