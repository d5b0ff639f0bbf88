import { expect } from 'chai';
import type { Client } from '../support/http.js';
import { aLead } from '../support/personas.js';
import { type DriverName, startTestRuntime, type TestRuntime } from '../support/testRuntime.js';

const DRIVERS: readonly DriverName[] = ['postgres', 'pglite'];

for (const driver of DRIVERS) {
  describe(`records API (${driver})`, function () {
    this.timeout(60_000);
    let rt: TestRuntime;
    let admin: Client;

    before(async () => {
      rt = await startTestRuntime({ driver });
      admin = rt.admin;
    });
    after(async () => rt?.close());

    it('creates a record and reads it back with system attributes and normalised fields', async () => {
      const created = await admin.post('/api/v1/records/lead', aLead({ name: 'Ada Lovelace', employees: 800 }));
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      expect(created.body).to.include({ object: 'lead', version: 1, deletedAt: null });
      expect(created.body.id).to.match(/^[0-9a-f-]{36}$/);
      const read = await admin.get(`/api/v1/records/lead/${created.body.id}`);
      expect(read.status).to.equal(200);
      expect(read.body.data).to.include({ name: 'Ada Lovelace', employees: 800 });
      expect(read.body.owner).to.be.a('string');
    });

    it('rejects an unknown field and names it', async () => {
      const r = await admin.post('/api/v1/records/lead', aLead({ favourite_colour: 'blue' }));
      expect(r.status).to.equal(422);
      expect(r.body.error.details.map((d: { path: string }) => d.path)).to.include('/data/favourite_colour');
    });

    it('rejects a wrong type with the field path', async () => {
      const r = await admin.post('/api/v1/records/lead', aLead({ employees: 'many' }));
      expect(r.status).to.equal(422);
      expect(r.body.error.details[0].path).to.equal('/data/employees');
    });

    it('rejects an unknown object with 404', async () => {
      const r = await admin.post('/api/v1/records/unicorn', aLead());
      expect(r.status).to.equal(404);
      expect(r.body.error.message).to.include('unicorn');
    });

    it('applies a partial update and bumps the version', async () => {
      const created = await admin.post('/api/v1/records/lead', aLead({ title: 'CTO' }));
      const updated = await admin.patch(`/api/v1/records/lead/${created.body.id}`, {
        version: 1,
        data: { title: 'CEO' },
      });
      expect(updated.status, JSON.stringify(updated.body)).to.equal(200);
      expect(updated.body.version).to.equal(2);
      expect(updated.body.data.title).to.equal('CEO');
      expect(updated.body.data.name).to.equal(created.body.data.name);
    });

    it('answers 409 to an update made with a stale version and keeps the newer data', async () => {
      const created = await admin.post('/api/v1/records/lead', aLead());
      const id = created.body.id;
      expect(
        (await admin.patch(`/api/v1/records/lead/${id}`, { version: 1, data: { title: 'first' } })).status,
      ).to.equal(200);
      const stale = await admin.patch(`/api/v1/records/lead/${id}`, { version: 1, data: { title: 'second' } });
      expect(stale.status).to.equal(409);
      expect(stale.body.error.code).to.equal('STALE_VERSION');
      expect((await admin.get(`/api/v1/records/lead/${id}`)).body.data.title).to.equal('first');
    });

    it('clears a field when the update sends null', async () => {
      const created = await admin.post('/api/v1/records/lead', aLead({ title: 'VP' }));
      const r = await admin.patch(`/api/v1/records/lead/${created.body.id}`, { version: 1, data: { title: null } });
      expect(r.status).to.equal(200);
      expect(r.body.data).not.to.have.property('title');
    });

    it('soft-deletes, hides from lists, and restores', async () => {
      const created = await admin.post('/api/v1/records/lead', aLead());
      const id = created.body.id;
      const filter = encodeURIComponent(JSON.stringify({ id }));
      const deleted = await admin.delete(`/api/v1/records/lead/${id}`);
      expect(deleted.status).to.equal(200);
      expect(deleted.body.deletedAt).to.be.a('string');
      expect((await admin.get(`/api/v1/records/lead?filter=${filter}`)).body.records).to.have.length(0);
      expect((await admin.get(`/api/v1/records/lead?filter=${filter}&deleted=only`)).body.records).to.have.length(1);
      const restored = await admin.post(`/api/v1/records/lead/${id}/restore`);
      expect(restored.status).to.equal(200);
      expect(restored.body.deletedAt).to.equal(null);
      expect((await admin.get(`/api/v1/records/lead?filter=${filter}`)).body.records).to.have.length(1);
    });

    it('lists with a filter, a sort and selected fields', async () => {
      const tag = `t${Math.random().toString(36).slice(2, 7)}`;
      for (const employees of [30, 600, 1200]) {
        await admin.post(
          '/api/v1/records/lead',
          aLead({ name: `${tag} ${employees}`, employees, industry: 'manufacturing' }),
        );
      }
      const filter = { $and: [{ name: { $contains: tag } }, { employees: { $gt: 500 } }] };
      const r = await admin.get(
        `/api/v1/records/lead?filter=${encodeURIComponent(JSON.stringify(filter))}&sort=-employees&fields=name,employees`,
      );
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      expect(r.body.records.map((x: { data: { employees: number } }) => x.data.employees)).to.deep.equal([1200, 600]);
      expect(Object.keys(r.body.records[0].data).sort()).to.deep.equal(['employees', 'name']);
    });

    it('walks every page with a cursor, without duplicates or gaps', async () => {
      const tag = `p${Math.random().toString(36).slice(2, 7)}`;
      const made = new Set<string>();
      for (let i = 0; i < 23; i += 1) {
        const r = await admin.post('/api/v1/records/lead', aLead({ name: `${tag} ${i}`, employees: i % 5 }));
        made.add(r.body.id);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      const filter = encodeURIComponent(JSON.stringify({ name: { $contains: tag } }));
      do {
        const page: { body: { records: { id: string }[]; nextCursor: string | null } } = await admin.get(
          `/api/v1/records/lead?filter=${filter}&sort=employees&limit=5${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...page.body.records.map((x) => x.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).to.have.length(23);
      expect(new Set(seen)).to.deep.equal(made);
    });

    it('counts and searches within the filter', async () => {
      const tag = `s${Math.random().toString(36).slice(2, 7)}`;
      await admin.post('/api/v1/records/lead', aLead({ name: `Grace ${tag}` }));
      await admin.post('/api/v1/records/lead', aLead({ name: `Linus ${tag}` }));
      const count = await admin.get(
        `/api/v1/records/lead/count?filter=${encodeURIComponent(JSON.stringify({ name: { $contains: tag } }))}`,
      );
      expect(count.body.count).to.equal(2);
      const search = await admin.get(`/api/v1/records/lead/search?q=GRACE%20${tag}`);
      expect(search.body.records).to.have.length(1);
    });

    it('keeps a history of who changed what and when', async () => {
      const created = await admin.post('/api/v1/records/lead', aLead({ title: 'Engineer' }));
      await admin.patch(`/api/v1/records/lead/${created.body.id}`, { version: 1, data: { title: 'Architect' } });
      const h = await admin.get(`/api/v1/records/lead/${created.body.id}/history`);
      expect(h.status).to.equal(200);
      const [first, second] = h.body.history;
      expect(first.action).to.equal('create');
      expect(second.action).to.equal('update');
      expect(second.changes.title).to.deep.equal({ from: 'Engineer', to: 'Architect' });
      expect(second.actorId).to.equal(created.body.owner);
    });

    it('exports CSV with formula-like cells neutralised', async () => {
      const tag = `x${Math.random().toString(36).slice(2, 7)}`;
      await admin.post('/api/v1/records/lead', aLead({ name: `=HYPERLINK("http://evil") ${tag}` }));
      const r = await admin.get(
        `/api/v1/records/lead/export?filter=${encodeURIComponent(JSON.stringify({ name: { $contains: tag } }))}`,
      );
      expect(r.status).to.equal(200);
      expect(r.headers.get('content-type')).to.include('text/csv');
      expect(r.text).to.include(`"'=HYPERLINK(""http://evil"") ${tag}"`);
    });
  });
}
