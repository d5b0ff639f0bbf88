import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { LeadforgeError } from '../errors/types.js';

/**
 * Secrets at rest: AES-256-GCM with a 32-byte key the operator supplies (LEADFORGE_SECRET_KEY).
 * A sealed value is `lfsec:v1:<key id>:<base64 iv ‖ tag ‖ ciphertext>`; the key id lets an old
 * key stay in the keyring while values are re-sealed with a new one. `context` (tenant,
 * endpoint, field) is authenticated data, so a sealed value copied to another field won't open.
 */

const PREFIX = 'lfsec:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretKey {
  readonly id: string;
  readonly key: Buffer;
}

/** The current key first (seals), then older ones (only open). */
export type SecretKeyring = readonly SecretKey[];

/** Reads a 32-byte key written as base64 or 64 hex digits; throws a readable error otherwise. */
export function parseSecretKey(text: string): SecretKey {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new LeadforgeError(
      'INTERNAL',
      'the secret key must be 32 bytes, written as base64 (44 characters) or 64 hex digits',
    );
  }
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

export function sealSecret(plaintext: string, keyring: SecretKeyring, context: string): string {
  const current = keyring[0];
  if (!current) throw new LeadforgeError('INTERNAL', 'no secret key is configured (set LEADFORGE_SECRET_KEY)');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', current.key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${PREFIX}${current.id}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** Opens a sealed value; throws when no key in the ring matches or the value was tampered with. */
export function openSecret(sealed: string, keyring: SecretKeyring, context: string): string {
  if (!isSealed(sealed)) throw new LeadforgeError('INTERNAL', 'not a sealed secret');
  const rest = sealed.slice(PREFIX.length);
  const colon = rest.indexOf(':');
  const key = keyring.find((k) => k.id === rest.slice(0, colon));
  if (!key)
    throw new LeadforgeError('INTERNAL', `no configured secret key opens this value (key id ${rest.slice(0, colon)})`);
  const raw = Buffer.from(rest.slice(colon + 1), 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new LeadforgeError(
      'INTERNAL',
      'a sealed secret failed authentication (wrong key, context or tampered value)',
    );
  }
}
