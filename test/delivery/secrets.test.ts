import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { isSealed, openSecret, parseSecretKey, sealSecret } from '../../engine/src/delivery/index.js';
import { secretKeyringFromEnv } from '../../runtime/src/jobs/index.js';

const aKey = () => parseSecretKey(randomBytes(32).toString('base64'));

describe('delivery: secrets sealed at rest (AES-256-GCM)', () => {
  it('opens what it sealed, and seals the same secret differently each time', () => {
    const keyring = [aKey()];
    const a = sealSecret('whsec_abc', keyring, 'endpoint:t/erp#secrets');
    const b = sealSecret('whsec_abc', keyring, 'endpoint:t/erp#secrets');
    expect(a).to.match(/^lfsec:v1:[0-9a-f]{8}:/);
    expect(a).to.not.equal(b);
    expect(a).to.not.include('whsec_abc');
    expect(openSecret(a, keyring, 'endpoint:t/erp#secrets')).to.equal('whsec_abc');
    expect(isSealed(a)).to.equal(true);
  });

  it('refuses a tampered value, another context or a key that never sealed it', () => {
    const keyring = [aKey()];
    const sealed = sealSecret('s3cret', keyring, 'ctx');
    const tampered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => openSecret(tampered, keyring, 'ctx')).to.throw(/failed authentication/);
    expect(() => openSecret(sealed, keyring, 'other endpoint')).to.throw(/failed authentication/);
    expect(() => openSecret(sealed, [aKey()], 'ctx')).to.throw(/no configured secret key/);
  });

  it('opens values sealed with the previous key during a key rotation', () => {
    const old = aKey();
    const sealed = sealSecret('s3cret', [old], 'ctx');
    const rotated = [aKey(), old];
    expect(openSecret(sealed, rotated, 'ctx')).to.equal('s3cret');
    expect(sealSecret('new', rotated, 'ctx')).to.include(`:${rotated[0]!.id}:`);
  });

  it('reads LEADFORGE_SECRET_KEY as base64 or hex, 32 bytes, and refuses anything else', () => {
    const bytes = randomBytes(32);
    const fromBase64 = secretKeyringFromEnv({ LEADFORGE_SECRET_KEY: bytes.toString('base64') });
    const fromHex = secretKeyringFromEnv({ LEADFORGE_SECRET_KEY: bytes.toString('hex') });
    expect(fromBase64[0]!.id).to.equal(fromHex[0]!.id);
    expect(secretKeyringFromEnv({})).to.deep.equal([]);
    expect(() => secretKeyringFromEnv({ LEADFORGE_SECRET_KEY: 'too-short' })).to.throw(/32 bytes/);
    const previous = randomBytes(32).toString('hex');
    expect(
      secretKeyringFromEnv({ LEADFORGE_SECRET_KEY: bytes.toString('hex'), LEADFORGE_SECRET_KEY_PREVIOUS: previous }),
    ).to.have.length(2);
  });
});
