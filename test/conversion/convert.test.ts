import { validatePackage } from '@leadforge/engine';
import { expect } from 'chai';
import { templateFolder } from '../../runtime/src/boot.js';
import { readPackageFolder } from '../../runtime/src/package/readPackageFolder.js';
import { aLead, type Personas, setUpPersonas } from '../support/personas.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';

describe('conversion', function () {
  this.timeout(60_000);
  let rt: TestRuntime;
  let people: Personas;

  before(async () => {
    rt = await startTestRuntime();
    people = await setUpPersonas(rt);
  });
  after(async () => rt?.close());

  const capture = async (overrides: Record<string, unknown> = {}) => {
    const made = await people.managerNorth.post('/api/v1/capture/lead', {
      data: {
        ...aLead({
          company_name: 'Globex',
          title: 'CTO',
          budget: 48_000,
          website: 'https://globex.example',
          ...overrides,
        }).data,
      },
      attribution: { utm: { source: 'newsletter', campaign: 'spring' } },
    });
    expect(made.status, made.text).to.equal(201);
    return made.body.recordId as string;
  };

  it('turns a lead into a company, a contact linked to it and an opportunity that traces back to the lead', async () => {
    const leadId = await capture();
    const res = await people.managerNorth.post(`/api/v1/records/lead/${leadId}/convert`, { include: ['opportunity'] });
    expect(res.status, res.text).to.equal(200);
    expect(res.body.record.data.status).to.equal('converted');
    const ids = Object.fromEntries(res.body.converted.targets.map((t: any) => [t.target, t.recordId]));
    expect(res.body.converted.targets.map((t: any) => [t.target, t.created])).to.deep.equal([
      ['company', true],
      ['contact', true],
      ['opportunity', true],
    ]);
    const company = await rt.admin.get(`/api/v1/records/company/${ids.company}`);
    expect(company.body.data).to.include({ name: 'Globex', industry: 'saas', website: 'https://globex.example' });
    const contact = await people.managerNorth.get(`/api/v1/records/contact/${ids.contact}`);
    expect(contact.body.data).to.include({ title: 'CTO', company: ids.company });
    const opportunity = await people.managerNorth.get(`/api/v1/records/opportunity/${ids.opportunity}`);
    expect(opportunity.body.data).to.include({
      name: 'Globex',
      amount: 48_000,
      stage: 'needs_assessment',
      lead: leadId,
      company: ids.company,
    });
    expect(opportunity.body.owner).to.equal(people.ids.managerNorth);
    const trail = await rt.admin.get(`/api/v1/records/opportunity/${ids.opportunity}/attribution`);
    expect(trail.status, trail.text).to.equal(200);
    expect(trail.body.attribution.firstTouch.utm).to.include({ source: 'newsletter', campaign: 'spring' });
    expect(trail.body.attribution.convertedFrom).to.deep.equal({ object: 'lead', id: leadId });
  });

  it("keeps the lead's history and records the conversion as an event", async () => {
    const leadId = await capture();
    await people.managerNorth.post(`/api/v1/records/lead/${leadId}/convert`, {});
    const history = await people.managerNorth.get(`/api/v1/records/lead/${leadId}/history`);
    const actions = history.body.history.map((h: any) => h.action);
    expect(actions).to.include('create');
    expect(history.body.history.some((h: any) => h.changes?.status?.to === 'converted')).to.equal(true);
    const trail = await rt.admin.get(`/api/v1/records/lead/${leadId}/attribution`);
    expect(trail.body.events.map((e: any) => e.type)).to.include('record.converted');
  });

  it('creates the optional opportunity only when asked', async () => {
    const leadId = await capture();
    const res = await people.managerNorth.post(`/api/v1/records/lead/${leadId}/convert`, {});
    expect(res.body.converted.targets.map((t: any) => t.target)).to.deep.equal(['company', 'contact']);
  });

  it('links the existing contact with the same email instead of creating a duplicate', async () => {
    const email = `known.${Date.now()}@example.com`;
    const existing = await people.managerNorth.post('/api/v1/records/contact', {
      data: { name: 'Known Person', email },
    });
    expect(existing.status, existing.text).to.equal(201);
    const leadId = await capture({ email });
    const res = await people.managerNorth.post(`/api/v1/records/lead/${leadId}/convert`, {});
    const contact = res.body.converted.targets.find((t: any) => t.target === 'contact');
    expect(contact).to.deep.include({ created: false, recordId: existing.body.id });
  });

  it('refuses to convert twice and writes nothing the second time', async () => {
    const leadId = await capture();
    expect((await people.managerNorth.post(`/api/v1/records/lead/${leadId}/convert`, {})).status).to.equal(200);
    const before = await rt.admin.get('/api/v1/records/company/count');
    const again = await people.managerNorth.post(`/api/v1/records/lead/${leadId}/convert`, {});
    expect(again.status).to.equal(409);
    expect(again.body.error.message).to.match(/already converted/);
    expect((await rt.admin.get('/api/v1/records/company/count')).body).to.deep.equal(before.body);
  });

  it('answers 422 naming the target field when the mapped data is not valid, and creates nothing', async () => {
    const leadId = await capture({ company_name: null });
    const before = await rt.admin.get('/api/v1/records/company/count');
    const res = await people.managerNorth.post(`/api/v1/records/lead/${leadId}/convert`, {});
    expect(res.status, res.text).to.equal(422);
    expect(res.body.error.details.map((d: any) => d.path)).to.include('/data/company/name');
    expect((await rt.admin.get('/api/v1/records/company/count')).body).to.deep.equal(before.body);
    const fixed = await people.managerNorth.post(`/api/v1/records/lead/${leadId}/convert`, {
      data: { company: { name: 'Named At Conversion' } },
    });
    expect(fixed.status, fixed.text).to.equal(200);
  });

  it('refuses malformed requests with the field named, and records outside the caller scope', async () => {
    const leadId = await capture();
    const cases: [unknown, string][] = [
      [{ include: ['nonsense'] }, '/include/0'],
      [{ include: 'opportunity' }, '/include'],
      [{ data: { opportunity: 'x' } }, '/data/opportunity'],
      [{ data: { moon: {} } }, '/data/moon'],
      [{ extra: 1 }, '/extra'],
    ];
    for (const [body, path] of cases) {
      const res = await people.managerNorth.post(`/api/v1/records/lead/${leadId}/convert`, body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(res.body.error.details.map((d: any) => d.path)).to.include(path);
    }
    expect((await people.managerSouth.post(`/api/v1/records/lead/${leadId}/convert`, {})).status).to.equal(404);
    expect(
      (await people.managerNorth.post('/api/v1/records/company/00000000-0000-4000-8000-000000000000/convert', {}))
        .status,
    ).to.equal(422);
  });
});

describe('conversion definitions', () => {
  it('are refused at validate time when they name unknown objects, fields or links', async () => {
    const { pkg } = await readPackageFolder(templateFolder('b2b-saas'));
    const lead = structuredClone(pkg.files['objects/lead.json']) as any;
    lead.conversion.targets[0].object = 'compnay';
    lead.conversion.targets[1].map.nmae = 'name';
    lead.conversion.targets[1].link.company = 'opportunity';
    lead.conversion.targets[2].link.company = 'source';
    lead.conversion.status.value = 'done';
    const problems = validatePackage({ ...pkg, files: { ...pkg.files, 'objects/lead.json': lead } });
    const found = problems.filter((p) => p.file === 'objects/lead.json').map((p) => `${p.pointer}: ${p.message}`);
    expect(found).to.deep.equal([
      '/conversion/status/value: "done" is not an option of field "status"',
      '/conversion/targets/0/object: unknown object "compnay" (did you mean "company"?)',
      '/conversion/targets/1/link/company: "opportunity" is neither "source" nor the id of an earlier target',
      '/conversion/targets/1/map/nmae: unknown field "nmae" on object "contact" (did you mean "name"?)',
      '/conversion/targets/2/link/company: field "company" of "opportunity" must be a reference to "lead"',
    ]);
  });
});
