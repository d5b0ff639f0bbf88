import { expect } from 'chai';
import {
  type CaptureCandidate,
  type CaptureInput,
  type CapturePlan,
  planCapture,
  spamSignals,
} from '../../engine/src/capture/index.js';
import type { CompiledApp } from '@leadforge/engine';
import { testApp } from './support/captureApp.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const T1 = new Date('2026-03-05T10:00:00Z');

function aCapture(data: Record<string, unknown>, overrides: Partial<CaptureInput> = {}): CaptureInput {
  return {
    object: 'lead',
    data: { name: 'Jane Doe', ...data },
    attribution: { channel: 'form', form: 'contact-us', formVersion: 1, utm: { source: 'google' } },
    ...overrides,
  };
}

function existing(data: Record<string, unknown>, overrides: Partial<CaptureCandidate> = {}): CaptureCandidate {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    version: 3,
    createdAt: T0.toISOString(),
    data: { status: 'clue', source_channel: 'web_form', ...data },
    attribution: {
      firstTouch: { at: T0.toISOString(), channel: 'form', form: 'whitepaper-download', utm: { source: 'wechat' } },
      lastTouch: { at: T0.toISOString(), channel: 'form', form: 'whitepaper-download', utm: { source: 'wechat' } },
      touches: 1,
    },
    ...overrides,
  };
}

function merged(plan: CapturePlan) {
  if (plan.action !== 'merge') throw new Error(`expected a merge, got ${JSON.stringify(plan)}`);
  return plan;
}

describe('capture: planning (dedupe, merge policy, attribution)', () => {
  let app: CompiledApp;
  before(async () => {
    app = await testApp();
  });

  it('plans a create with normalised data, the channel and first touch = last touch', () => {
    const plan = planCapture(app, aCapture({ email: ' Jane@Example.com ' }), [], T1);
    if (plan.action !== 'create') throw new Error(plan.action);
    expect(plan.data).to.include({ email: 'jane@example.com', source_channel: 'web_form', utm_source: 'google' });
    expect(plan.attribution.firstTouch).to.deep.equal(plan.attribution.lastTouch);
    expect(plan.attribution.touches).to.equal(1);
    expect(plan.events.map((e) => e.type)).to.deep.equal(['form.submitted']);
    expect(plan.events[0]!.data).to.include({ form: 'contact-us', formVersion: 1, outcome: 'created' });
  });

  it('merges a resubmission by email instead of creating a duplicate', () => {
    const plan = planCapture(
      app,
      aCapture({ email: 'JANE@example.com' }),
      [existing({ email: 'jane@example.com' })],
      T1,
    );
    expect(merged(plan).recordId).to.equal('00000000-0000-4000-8000-000000000001');
  });

  it('merges by phone written differently (spaces, no country code)', () => {
    const plan = planCapture(app, aCapture({ phone: '138-0013-8000' }), [existing({ phone: '+8613800138000' })], T1);
    expect(plan.action).to.equal('merge');
  });

  it('merges by company and name together, whatever their case', () => {
    const plan = planCapture(
      app,
      aCapture({ name: 'jane  DOE', company_name: 'ACME Ltd' }),
      [existing({ name: 'Jane Doe', company_name: 'Acme Ltd' })],
      T1,
    );
    expect(plan.action).to.equal('merge');
  });

  it('does not merge on the same name at another company', () => {
    const plan = planCapture(
      app,
      aCapture({ name: 'Jane Doe', company_name: 'Other Inc' }),
      [existing({ name: 'Jane Doe', company_name: 'Acme Ltd' })],
      T1,
    );
    expect(plan.action).to.equal('create');
  });

  it('fills empty fields of the existing record', () => {
    const plan = merged(
      planCapture(
        app,
        aCapture({ email: 'jane@example.com', company_name: 'Acme' }),
        [existing({ email: 'jane@example.com' })],
        T1,
      ),
    );
    expect(plan.patch).to.include({ company_name: 'Acme' });
  });

  it('keeps a filled field the object does not list as newest-wins', () => {
    const plan = merged(
      planCapture(
        app,
        aCapture({ email: 'jane@example.com', company_name: 'New Co' }),
        [existing({ email: 'jane@example.com', company_name: 'Old Co' })],
        T1,
      ),
    );
    expect(plan.patch).not.to.have.property('company_name');
  });

  it('overwrites a newest-wins field with the newer value', () => {
    const plan = merged(
      planCapture(
        app,
        aCapture({ email: 'jane@example.com', title: 'CTO' }),
        [existing({ email: 'jane@example.com', title: 'VP' })],
        T1,
      ),
    );
    expect(plan.patch).to.include({ title: 'CTO' });
  });

  it('never overwrites with an empty value', () => {
    const plan = merged(
      planCapture(
        app,
        aCapture({ email: 'jane@example.com', title: '  ' }),
        [existing({ email: 'jane@example.com', title: 'VP' })],
        T1,
      ),
    );
    expect(plan.patch).not.to.have.property('title');
  });

  it('keeps the first touch and moves the last touch to this capture', () => {
    const plan = merged(
      planCapture(app, aCapture({ email: 'jane@example.com' }), [existing({ email: 'jane@example.com' })], T1),
    );
    expect(plan.attribution.firstTouch).to.include({ form: 'whitepaper-download', at: T0.toISOString() });
    expect(plan.attribution.lastTouch).to.include({ form: 'contact-us', at: T1.toISOString() });
    expect(plan.attribution.touches).to.equal(2);
  });

  it('lands as a clue by default and as a lead when asked, recording the qualification', () => {
    const clue = planCapture(app, aCapture({ email: 'a@example.com' }), [], T1);
    const lead = planCapture(app, aCapture({ email: 'b@example.com' }, { as: 'lead' }), [], T1);
    if (clue.action !== 'create' || lead.action !== 'create') throw new Error('expected creates');
    expect(clue.data['status']).to.equal('clue');
    expect(lead.data['status']).to.equal('lead');
    expect(lead.events.map((e) => e.type)).to.deep.equal(['form.submitted', 'lead.qualified']);
  });

  it('qualifies an existing clue when a capture arrives as a lead, and never turns a lead back into a clue', () => {
    const up = merged(
      planCapture(
        app,
        aCapture({ email: 'jane@example.com' }, { as: 'lead' }),
        [existing({ email: 'jane@example.com' })],
        T1,
      ),
    );
    expect(up.patch).to.include({ status: 'lead' });
    expect(up.qualified).to.equal(true);
    const down = merged(
      planCapture(
        app,
        aCapture({ email: 'jane@example.com' }, { as: 'clue' }),
        [existing({ email: 'jane@example.com', status: 'lead' })],
        T1,
      ),
    );
    expect(down.patch).not.to.have.property('status');
  });

  it('refuses data that breaks the object definition with field paths', () => {
    const plan = planCapture(app, aCapture({ email: 'not an email', employees: 'lots' }), [], T1);
    expect(plan.action).to.equal('invalid');
    if (plan.action !== 'invalid') return;
    expect(plan.problems.map((p) => p.path).sort()).to.deep.equal(['/data/email', '/data/employees']);
  });

  it('refuses an unknown channel', () => {
    const plan = planCapture(app, aCapture({}, { attribution: { channel: 'fax' as 'form' } }), [], T1);
    expect(plan.action).to.equal('invalid');
  });

  it('flags links, HTML and spreadsheet formulas in a name, and blocked email domains, as spam', () => {
    const lead = app.objects['lead']!;
    expect(spamSignals(lead, { name: 'Buy now http://pills.example' })).to.deep.equal(['link in name']);
    expect(spamSignals(lead, { name: '<b>hi</b>' })).to.deep.equal(['html in name']);
    expect(spamSignals(lead, { name: '=HYPERLINK("x","y")' })).to.include('formula in name');
    expect(spamSignals(lead, { email: 'a@mx.spam.example' }, { blockedDomains: ['spam.example'] })).to.deep.equal([
      'blocked domain in email',
    ]);
    expect(spamSignals(lead, { name: 'Amazon.com Inc', notes: 'see https://example.com' })).to.deep.equal([]);
  });
});
