import { expect } from 'chai';
import type { Client } from '../support/http.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';

type Files = Record<string, any>;

async function publishWithRouting(admin: Client, routing: Record<string, unknown>) {
  const draft = await admin.get('/api/v1/app/draft');
  const files: Files = structuredClone(draft.body.package.files);
  files['routing/leads.json'] = { id: 'leads', object: 'lead', ...routing };
  const saved = await admin.put('/api/v1/app/draft', { files });
  expect(saved.status, saved.text).to.equal(200);
  return admin.post('/api/v1/app/publish', { note: 'routing' });
}

describe('publish: routing names users and teams of the tenant', function () {
  this.timeout(60_000);
  let rt: TestRuntime;

  before(async () => {
    rt = await startTestRuntime();
    await rt.admin.post('/api/v1/teams', { name: 'North' });
  });
  after(async () => rt?.close());

  it('refuses a named owner, a weighted user and a team the tenant does not have, with file and pointer', async () => {
    const r = await publishWithRouting(rt.admin, {
      rules: [
        { id: 'vip', strategy: { type: 'owner', user: 'ghost@example.com' } },
        {
          id: 'w',
          strategy: {
            type: 'weighted',
            weights: [
              { user: 'admin@example.com', weight: 1 },
              { user: '00000000-0000-4000-8000-000000000000', weight: 2 },
            ],
          },
        },
        { id: 'team', strategy: { type: 'round-robin', pool: { team: 'Nowhere' } } },
      ],
    });
    expect(r.status).to.equal(422);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).to.deep.equal([
      'routing/leads.json:/rules/0/strategy/user',
      'routing/leads.json:/rules/1/strategy/weights/1/user',
      'routing/leads.json:/rules/2/strategy/pool/team',
    ]);
    expect(r.body.error.details[2].message).to.include('unknown team "Nowhere"');
    const versions = await rt.admin.get('/api/v1/app/versions');
    expect(versions.body.versions).to.have.length(1);
  });

  it('refuses an unknown field, role or pool at publish as validate does', async () => {
    const r = await publishWithRouting(rt.admin, {
      rules: [
        {
          id: 'r',
          when: { '==': [{ var: 'regoin' }, 'x'] },
          strategy: { type: 'capacity', pool: { role: 'reps' }, maxOpen: 5 },
        },
      ],
      fallback: { type: 'queue', queue: 'nowhere' },
    });
    expect(r.status).to.equal(422);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).to.deep.equal([
      'routing/leads.json:/fallback/queue',
      'routing/leads.json:/rules/0/strategy/pool/role',
      'routing/leads.json:/rules/0/when/==/0/var',
    ]);
  });

  it('publishes routing whose users and teams exist, by email, id or team name', async () => {
    const me = await rt.admin.get('/api/v1/auth/me');
    const r = await publishWithRouting(rt.admin, {
      rules: [
        { id: 'vip', strategy: { type: 'owner', user: 'ADMIN@example.com' } },
        { id: 'w', strategy: { type: 'weighted', weights: [{ user: me.body.user.id, weight: 1 }] } },
        { id: 'team', strategy: { type: 'round-robin', pool: { team: 'north' } } },
      ],
    });
    expect(r.status, r.text).to.equal(201);
  });
});
