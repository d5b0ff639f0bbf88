import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url, with a readable prefix (`lfs_` session, `lft_` API token). */
export function newSecretToken(prefix: 'lfs_' | 'lft_'): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Only the hash of a token is stored, so a database leak does not leak live credentials. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
