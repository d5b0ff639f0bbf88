import { LeadforgeError } from '@leadforge/engine';
import type { RuntimeContext } from '../context.js';
import { clearLoginFailures, loginLockSeconds, recordLoginFailure } from './loginThrottle.js';
import { verifyAgainstNothing, verifyPassword } from './passwords.js';
import { hashToken } from './secretTokens.js';
import { createSession, endSession, type NewSession } from './sessions.js';
import type { UserRow } from './types.js';
import { getUser } from './users.js';

export interface LoginInput {
  readonly tenantId: string;
  readonly email: string;
  readonly password: string;
  readonly ip: string;
  /** A session token the client already held; it is ended so the new session gets a new token. */
  readonly previousToken?: string;
}

const WRONG = 'email or password is incorrect';

/** Signs a user in. Every failure answers the same sentence, whether or not the user exists. */
export async function login(ctx: RuntimeContext, input: LoginInput): Promise<{ session: NewSession; user: UserRow }> {
  const { db, clock, config } = ctx;
  const email = input.email.trim().toLowerCase();
  const keys = [`account:${input.tenantId}:${email}`, `ip:${input.ip}`];
  const wait = await loginLockSeconds(db, clock, keys);
  if (wait > 0) {
    throw new LeadforgeError('RATE_LIMITED', 'too many failed sign-ins; try again later', [], wait);
  }
  const { rows } = await db.query<{ id: string; password_hash: string | null; active: boolean }>(
    'SELECT id, password_hash, active FROM users WHERE tenant_id = $1 AND lower(email) = $2',
    [input.tenantId, email],
  );
  const found = rows[0];
  const passwordOk = found?.password_hash
    ? await verifyPassword(input.password, found.password_hash)
    : await verifyAgainstNothing(input.password);
  if (!found?.active || !passwordOk) {
    await recordLoginFailure(db, clock, config, [
      { key: keys[0]!, max: config.loginMaxFailures },
      { key: keys[1]!, max: config.loginMaxFailuresPerIp },
    ]);
    throw new LeadforgeError('UNAUTHENTICATED', WRONG);
  }
  await clearLoginFailures(db, [keys[0]!]);
  if (input.previousToken) {
    await endSession(db, input.previousToken);
    ctx.actors.forgetToken(hashToken(input.previousToken));
  }
  const session = await createSession(db, clock, config, input.tenantId, found.id);
  const user = await getUser(db, input.tenantId, found.id);
  return { session, user: user! };
}
