import { expect } from 'chai';
import { call, client } from '../support/http.js';
import { HOUR, MINUTE, manualClock } from '../support/manualClock.js';
import { PASSWORD } from '../support/personas.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';

describe('access: sessions and sign-in', function () {
  this.timeout(60_000);
  const clock = manualClock();
  let rt: TestRuntime;
  // The admin works through an API token: tokens do not idle out when the tests move the clock.
  let admin: ReturnType<typeof client>;
  let seq = 0;

  before(async () => {
    rt = await startTestRuntime({ clock });
    admin = client(rt.url, (await rt.admin.post('/api/v1/tokens', { name: 'session tests' })).body.token);
  });
  after(async () => rt?.close());

  async function aUser(): Promise<{ email: string; id: string }> {
    seq += 1;
    const email = `session.user${seq}@example.com`;
    const r = await admin.post('/api/v1/users', { email, name: `User ${seq}`, password: PASSWORD, role: 'rep' });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    return { email, id: r.body.id };
  }

  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    call(rt.url, 'POST', '/api/v1/auth/login', { body: { email, password }, headers });

  it('gives at least 128 random bits of token, in an HttpOnly cookie too', async () => {
    const { email } = await aUser();
    const r = await login(email, PASSWORD);
    expect(r.status).to.equal(200);
    const secret = (r.body.token as string).replace(/^lfs_/, '');
    expect(Buffer.from(secret, 'base64url').length * 8).to.be.at.least(128);
    expect(r.headers.get('set-cookie')).to.match(/lf_session=lfs_[^;]+; HttpOnly; SameSite=Lax/);
  });

  it('rotates the token at every sign-in and ends the session the client held before', async () => {
    const { email } = await aUser();
    const first = await login(email, PASSWORD);
    const second = await login(email, PASSWORD, { cookie: `lf_session=${first.body.token}` });
    expect(second.body.token).not.to.equal(first.body.token);
    expect((await client(rt.url, first.body.token).get('/api/v1/auth/me')).status).to.equal(401);
    expect((await client(rt.url, second.body.token).get('/api/v1/auth/me')).status).to.equal(200);
  });

  it('ends a session left idle past the idle timeout', async () => {
    const { email } = await aUser();
    const me = client(rt.url, (await login(email, PASSWORD)).body.token);
    clock.advance(29 * MINUTE);
    expect((await me.get('/api/v1/auth/me')).status).to.equal(200);
    clock.advance(31 * MINUTE);
    expect((await me.get('/api/v1/auth/me')).status).to.equal(401);
  });

  it('ends a busy session at the absolute timeout', async () => {
    const { email } = await aUser();
    const me = client(rt.url, (await login(email, PASSWORD)).body.token);
    for (let h = 0; h < 11 * 3; h += 1) {
      clock.advance(20 * MINUTE);
      expect((await me.get('/api/v1/auth/me')).status).to.equal(200);
    }
    clock.advance(HOUR);
    expect((await me.get('/api/v1/auth/me')).status).to.equal(401);
  });

  it("ends a disabled user's sessions and API tokens at once", async () => {
    const user = await aUser();
    const me = client(rt.url, (await login(user.email, PASSWORD)).body.token);
    const token = (await me.post('/api/v1/tokens', { name: 'sync' })).body.token;
    expect((await admin.patch(`/api/v1/users/${user.id}`, { active: false })).status).to.equal(200);
    expect((await me.get('/api/v1/auth/me')).status).to.equal(401);
    expect((await client(rt.url, token).get('/api/v1/auth/me')).status).to.equal(401);
    expect((await login(user.email, PASSWORD)).status).to.equal(401);
  });

  it('answers the same sentence for an unknown user and a wrong password', async () => {
    const { email } = await aUser();
    const wrongPassword = await login(email, 'not the password');
    const unknownUser = await login(`nobody${seq}@example.com`, 'not the password');
    expect(wrongPassword.status).to.equal(401);
    expect(unknownUser.status).to.equal(401);
    expect(unknownUser.body).to.deep.equal(wrongPassword.body);
  });

  it('throttles repeated failed sign-ins with 429 and Retry-After, even with the right password', async () => {
    const { email } = await aUser();
    for (let i = 0; i < 5; i += 1) expect((await login(email, 'guess number ' + i)).status).to.equal(401);
    const blocked = await login(email, PASSWORD);
    expect(blocked.status).to.equal(429);
    expect(Number(blocked.headers.get('retry-after'))).to.be.greaterThan(0);
    clock.advance(16 * MINUTE);
    expect((await login(email, PASSWORD)).status).to.equal(200);
  });

  it('throttles guessing against unknown accounts the same way', async () => {
    const email = `ghost${seq}@example.com`;
    for (let i = 0; i < 5; i += 1) expect((await login(email, 'guess')).status).to.equal(401);
    expect((await login(email, 'guess')).status).to.equal(429);
    clock.advance(16 * MINUTE);
  });

  it('signs out: the token stops working', async () => {
    const { email } = await aUser();
    const me = client(rt.url, (await login(email, PASSWORD)).body.token);
    expect((await me.post('/api/v1/auth/logout')).status).to.equal(204);
    expect((await me.get('/api/v1/auth/me')).status).to.equal(401);
  });

  it('revokes an API token: it stops working at once, and revoking it again is a 404', async () => {
    const made = await admin.post('/api/v1/tokens', { name: 'to revoke' });
    const token = client(rt.url, made.body.token);
    expect((await token.get('/api/v1/auth/me')).status).to.equal(200);
    expect((await admin.delete(`/api/v1/tokens/${made.body.id}`)).status).to.equal(204);
    expect((await token.get('/api/v1/auth/me')).status).to.equal(401);
    expect((await admin.delete(`/api/v1/tokens/${made.body.id}`)).status).to.equal(404);
  });

  it('refuses to create a user with a short password', async () => {
    const r = await admin.post('/api/v1/users', {
      email: 'short@example.com',
      name: 'S',
      password: 'short',
      role: 'rep',
    });
    expect(r.status).to.equal(422);
    expect(r.body.error.details[0].path).to.equal('/password');
  });
});
