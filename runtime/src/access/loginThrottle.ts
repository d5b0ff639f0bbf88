import type { Clock, SqlExecutor } from '@leadforge/engine';
import type { RuntimeConfig } from '../config.js';

/** Seconds until sign-in is allowed again for any of these keys, or 0. */
export async function loginLockSeconds(db: SqlExecutor, clock: Clock, keys: readonly string[]): Promise<number> {
  const { rows } = await db.query<{ locked_until: Date | string }>(
    'SELECT locked_until FROM login_failures WHERE key = ANY($1::text[]) AND locked_until IS NOT NULL',
    [keys],
  );
  const now = clock.now().getTime();
  const until = Math.max(0, ...rows.map((r) => new Date(r.locked_until).getTime()));
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

/** Counts a failed sign-in against each key; the key locks for one window once it reaches the limit. */
export interface ThrottleKey {
  readonly key: string;
  readonly max: number;
}

export async function recordLoginFailure(
  db: SqlExecutor,
  clock: Clock,
  config: RuntimeConfig,
  keys: readonly ThrottleKey[],
): Promise<void> {
  const now = clock.now();
  const windowStartLimit = new Date(now.getTime() - config.loginWindowMinutes * 60_000);
  const lockUntil = new Date(now.getTime() + config.loginWindowMinutes * 60_000);
  for (const { key, max } of keys) {
    await db.query(
      `INSERT INTO login_failures (key, count, window_start, locked_until) VALUES ($1, 1, $2, NULL)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN login_failures.window_start < $3 THEN 1 ELSE login_failures.count + 1 END,
         window_start = CASE WHEN login_failures.window_start < $3 THEN $2 ELSE login_failures.window_start END`,
      [key, now, windowStartLimit],
    );
    await db.query('UPDATE login_failures SET locked_until = $3 WHERE key = $1 AND count >= $2', [key, max, lockUntil]);
  }
}

export async function clearLoginFailures(db: SqlExecutor, keys: readonly string[]): Promise<void> {
  await db.query('DELETE FROM login_failures WHERE key = ANY($1::text[])', [keys]);
}
