import { expect } from 'chai';
import type { Client } from '../support/http.js';
import { aLead, PASSWORD } from '../support/personas.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';

interface FieldDef {
  name: string;
  [key: string]: unknown;
}
type Files = Record<string, any>;

async function draftFiles(admin: Client): Promise<Files> {
  const r = await admin.get('/api/v1/app/draft');
  return structuredClone(r.body.package.files);
}

async function publish(admin: Client, files: Files, note: string) {
  const saved = await admin.put('/api/v1/app/draft', { files });
  expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
  return admin.post('/api/v1/app/publish', { note });
}

const leadFields = (files: Files): FieldDef[] => files['objects/lead.json'].fields;

describe('publish: drafts, immutable versions, rollback', function () {
  this.timeout(60_000);
  let rt: TestRuntime;

  before(async () => {
    rt = await startTestRuntime();
  });
  after(async () => rt?.close());

  it('installs the b2b-saas template as version 1 on first start', async () => {
    const r = await rt.admin.get('/api/v1/app/versions');
    expect(r.body.versions.at(-1)).to.include({ version: 1 });
    expect((await rt.admin.get('/api/v1/app')).body.id).to.equal('b2b-saas');
  });

  it('refuses to publish before a draft is saved, and publishes nothing', async () => {
    const r = await rt.admin.post('/api/v1/app/publish', { note: 'nothing saved' });
    expect(r.status, JSON.stringify(r.body)).to.equal(422);
    expect(r.body.error.message).to.equal('there is no saved draft to publish');
    expect((await rt.admin.get('/api/v1/app/versions')).body.versions).to.have.length(1);
  });

  it('accepts a new field in the very next request after publishing it', async () => {
    const before = await rt.admin.post('/api/v1/records/lead', aLead({ wechat_id: 'wx-1' }));
    expect(before.status).to.equal(422);
    const files = await draftFiles(rt.admin);
    leadFields(files).push({ name: 'wechat_id', type: 'text', label: { en: 'WeChat ID', 'zh-CN': '微信号' } });
    const published = await publish(rt.admin, files, 'add WeChat ID');
    expect(published.status, JSON.stringify(published.body)).to.equal(201);
    const after = await rt.admin.post('/api/v1/records/lead', aLead({ wechat_id: 'wx-1' }));
    expect(after.status, JSON.stringify(after.body)).to.equal(201);
    expect(after.body.data.wechat_id).to.equal('wx-1');
  });

  it('keeps the data of a removed field and shows it again when the field comes back', async () => {
    const base = await draftFiles(rt.admin);
    const withField = structuredClone(base);
    leadFields(withField).push({ name: 'legacy_code', type: 'text', label: { en: 'Legacy code', 'zh-CN': '旧编码' } });
    expect((await publish(rt.admin, withField, 'add legacy code')).status).to.equal(201);
    const made = await rt.admin.post('/api/v1/records/lead', aLead({ legacy_code: 'L-42' }));
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    expect((await publish(rt.admin, base, 'drop legacy code')).status).to.equal(201);
    const hidden = await rt.admin.get(`/api/v1/records/lead/${made.body.id}`);
    expect(hidden.body.data).not.to.have.property('legacy_code');
    const edited = await rt.admin.patch(`/api/v1/records/lead/${made.body.id}`, {
      version: 1,
      data: { employees: 42 },
    });
    expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
    expect((await publish(rt.admin, withField, 'legacy code is back')).status).to.equal(201);
    const back = await rt.admin.get(`/api/v1/records/lead/${made.body.id}`);
    expect(back.body.data).to.include({ legacy_code: 'L-42', employees: 42 });
  });

  it('refuses to publish an invalid draft, lists every problem, and keeps the current version', async () => {
    const versionsBefore = (await rt.admin.get('/api/v1/app/versions')).body.versions.length;
    const files = await draftFiles(rt.admin);
    leadFields(files).push({ name: 'Bad Name', type: 'text', label: { en: 'x' } });
    leadFields(files).push({ name: 'colour', type: 'rainbow', label: { en: 'Colour' } });
    const saved = await rt.admin.put('/api/v1/app/draft', { files });
    expect(saved.body.problems.length).to.be.at.least(2);
    expect(saved.body.problems.join('\n')).to.match(/objects\/lead\.json: \/\S+: /);
    const r = await rt.admin.post('/api/v1/app/publish', {});
    expect(r.status).to.equal(422);
    expect(r.body.error.details.length).to.be.at.least(2);
    expect((await rt.admin.get('/api/v1/app/versions')).body.versions.length).to.equal(versionsBefore);
    const v1 = await rt.admin.get('/api/v1/app/versions/1');
    await rt.admin.put('/api/v1/app/draft', { files: v1.body.package.files });
  });

  it('answers 409 when another admin published first', async () => {
    const current = (await rt.admin.get('/api/v1/app/versions')).body.versions[0].version;
    const files = await draftFiles(rt.admin);
    await rt.admin.put('/api/v1/app/draft', { files });
    const r = await rt.admin.post('/api/v1/app/publish', { expectedVersion: current - 1 });
    expect(r.status).to.equal(409);
    expect(r.body.error.code).to.equal('STALE_VERSION');
  });

  it('rolls back by publishing an earlier version again as the newest', async () => {
    const versions = (await rt.admin.get('/api/v1/app/versions')).body.versions;
    const r = await rt.admin.post('/api/v1/app/rollback', { version: 1 });
    expect(r.status).to.equal(201);
    expect(r.body.version).to.equal(versions[0].version + 1);
    const v1 = (await rt.admin.get('/api/v1/app/versions/1')).body.package;
    const now = (await rt.admin.get(`/api/v1/app/versions/${r.body.version}`)).body.package;
    expect(now).to.deep.equal(v1);
    expect((await rt.admin.post('/api/v1/records/lead', aLead({ wechat_id: 'wx-2' }))).status).to.equal(422);
  });

  it('hides a field from a role that may not see it: not shown, not filterable, not writable', async () => {
    const files = await draftFiles(rt.admin);
    const rep = files['roles.json'].roles.find((r: { id: string }) => r.id === 'rep');
    rep.objects.lead.fields = { ...(rep.objects.lead.fields ?? {}), notes: 'hidden' };
    expect((await publish(rt.admin, files, 'hide notes from reps')).status).to.equal(201);
    await rt.admin.post('/api/v1/users', {
      email: 'hidden.rep@example.com',
      name: 'Rep',
      password: PASSWORD,
      role: 'rep',
    });
    const repClient = await rt.signIn('hidden.rep@example.com', PASSWORD);
    const made = await repClient.post('/api/v1/records/lead', aLead());
    expect(made.status).to.equal(201);
    await rt.admin.patch(`/api/v1/records/lead/${made.body.id}`, { version: 1, data: { notes: 'secret margin' } });
    const read = await repClient.get(`/api/v1/records/lead/${made.body.id}`);
    expect(read.body.data).not.to.have.property('notes');
    const filtered = await repClient.get(
      `/api/v1/records/lead?filter=${encodeURIComponent(JSON.stringify({ notes: { $exists: true } }))}`,
    );
    expect(filtered.status).to.equal(400);
    const write = await repClient.patch(`/api/v1/records/lead/${made.body.id}`, { version: 2, data: { notes: 'x' } });
    expect(write.status).to.equal(403);
    expect(write.body.error.details[0].path).to.equal('/data/notes');
    const history = await repClient.get(`/api/v1/records/lead/${made.body.id}/history`);
    expect(JSON.stringify(history.body)).not.to.include('secret margin');
  });
});
