import { expect } from 'chai';
import {
  DELIVERY_MAX_ATTEMPTS,
  DELIVERY_RETRY_DELAYS_MS,
  isWebhookSecret,
  nextAttemptAt,
  parseRetryAfter,
  retryDelayMs,
  signWebhook,
  verifyWebhook,
} from '../../engine/src/delivery/index.js';

const HOUR = 3_600_000;
// the test vector published with the Standard Webhooks specification
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1_614_265_330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('delivery: Standard Webhooks signatures', () => {
  const at = new Date(VECTOR.timestamp * 1000);

  it('matches the specification’s test vector', () => {
    expect(signWebhook(VECTOR.id, at, VECTOR.body, [VECTOR.secret])).to.deep.equal({
      'webhook-id': VECTOR.id,
      'webhook-timestamp': String(VECTOR.timestamp),
      'webhook-signature': VECTOR.signature,
    });
  });

  it('verifies its own signature and refuses a changed body, id, timestamp or an old message', () => {
    const headers = signWebhook(VECTOR.id, at, VECTOR.body, [VECTOR.secret]);
    expect(verifyWebhook(headers, VECTOR.body, VECTOR.secret, at)).to.deep.equal({ ok: true });
    expect(verifyWebhook(headers, `${VECTOR.body} `, VECTOR.secret, at)).to.deep.include({ ok: false });
    expect(verifyWebhook({ ...headers, 'webhook-id': 'msg_other' }, VECTOR.body, VECTOR.secret, at)).to.deep.include({
      ok: false,
    });
    expect(
      verifyWebhook({ ...headers, 'webhook-timestamp': String(VECTOR.timestamp + 1) }, VECTOR.body, VECTOR.secret, at),
    ).to.deep.include({ ok: false });
    expect(verifyWebhook(headers, VECTOR.body, VECTOR.secret, new Date(at.getTime() + 301_000))).to.deep.equal({
      ok: false,
      reason: 'webhook-timestamp is outside the tolerance',
    });
  });

  it('accepts only whsec_ secrets of 24 to 64 bytes', () => {
    expect(isWebhookSecret(VECTOR.secret)).to.equal(true);
    expect(isWebhookSecret('whsec_c2hvcnQ=')).to.equal(false);
    expect(isWebhookSecret('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).to.equal(false);
    expect(() => signWebhook('id', at, '{}', [])).to.throw(/at least one secret/);
  });
});

describe('delivery: retry schedule', () => {
  it('spreads 9 attempts over more than 24 hours even when jitter always picks the shortest wait', () => {
    const total = (random: number) =>
      DELIVERY_RETRY_DELAYS_MS.reduce((sum, _, i) => sum + (retryDelayMs(i + 1, random) ?? 0), 0);
    expect(DELIVERY_MAX_ATTEMPTS).to.equal(9);
    expect(total(0)).to.be.at.least(24 * HOUR);
    expect(total(0.999)).to.be.below(40 * HOUR);
  });

  it('jitters each wait by up to ±20 % and stops after the last attempt', () => {
    expect(retryDelayMs(1, 0)).to.equal(8_000);
    expect(retryDelayMs(1, 0.5)).to.equal(10_000);
    expect(retryDelayMs(4, 0.999)).to.be.within(35 * 60_000, 36 * 60_000);
    expect(retryDelayMs(DELIVERY_MAX_ATTEMPTS, 0.5)).to.equal(null);
    expect(nextAttemptAt(new Date(0), DELIVERY_MAX_ATTEMPTS, 0.5)).to.equal(null);
  });

  it('waits at least as long as Retry-After, up to a day', () => {
    expect(retryDelayMs(1, 0.5, 3_600_000)).to.equal(3_600_000);
    expect(retryDelayMs(1, 0.5, 1_000)).to.equal(10_000);
    expect(retryDelayMs(1, 0.5, 10 * 24 * HOUR)).to.equal(24 * HOUR);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-03-02T09:00:00Z');
    expect(parseRetryAfter('120', now)).to.equal(120_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:00:00 GMT', now)).to.equal(HOUR);
    expect(parseRetryAfter('Mon, 02 Mar 2026 08:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('soon', now)).to.equal(null);
    expect(parseRetryAfter('-5', now)).to.equal(null);
    expect(parseRetryAfter(undefined, now)).to.equal(null);
  });
});
