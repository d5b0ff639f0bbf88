import { parseSecretKey, type SecretKeyring } from '../../../engine/src/delivery/index.js';

/**
 * The keyring for secrets at rest: LEADFORGE_SECRET_KEY seals and opens; during a key rotation
 * LEADFORGE_SECRET_KEY_PREVIOUS (comma separated) still opens values sealed with older keys.
 * Empty when no key is set: then endpoints with secrets cannot be saved.
 */
export function secretKeyringFromEnv(env: NodeJS.ProcessEnv = process.env): SecretKeyring {
  const current = env['LEADFORGE_SECRET_KEY'];
  if (current === undefined || current.trim() === '') return [];
  const previous = (env['LEADFORGE_SECRET_KEY_PREVIOUS'] ?? '').split(',').filter((k) => k.trim() !== '');
  return [parseSecretKey(current), ...previous.map(parseSecretKey)];
}
