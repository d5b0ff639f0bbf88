import { formatProblem, validatePackage } from '@leadforge/engine';
import { expect } from 'chai';
import {
  aField,
  aFullPackage,
  aLeadObject,
  anApp,
  anAutomation,
  aPackage,
  aRouting,
  aScoringModel,
  options,
} from './packageBuilders.js';

function linesFor(files: Record<string, unknown>): string[] {
  return validatePackage(aPackage(files)).map(formatProblem);
}

function companyWith(field: Record<string, unknown>): Record<string, unknown> {
  return {
    'objects/company.json': { id: 'company', label: { en: 'Company' }, fields: [aField('name', 'text'), field] },
  };
}

describe('package validator: schema problems read as sentences', () => {
  it('names a missing required property at its own pointer', () => {
    expect(linesFor(companyWith({ name: 'size', type: 'integer' }))).to.deep.equal([
      'objects/company.json: /fields/1/label: missing required property "label"',
    ]);
  });

  it('lists the allowed values of an enum', () => {
    expect(linesFor({ 'app.json': anApp({ defaultLocale: 'fr' }) })).to.deep.equal([
      'app.json: /defaultLocale: must be one of: en, zh-CN',
    ]);
  });

  it('says which JSON type is expected', () => {
    expect(linesFor(companyWith(aField('vip', 'boolean', { required: 'yes' })))).to.deep.equal([
      'objects/company.json: /fields/1/required: must be true or false',
    ]);
  });

  it('describes a pattern in words instead of printing the regular expression', () => {
    expect(linesFor({ 'app.json': anApp({ version: 'v1', defaultCountry: 'china' }) })).to.deep.equal([
      'app.json: /defaultCountry: must be an ISO 3166 alpha-2 country code such as "CN"',
      'app.json: /version: must be a semantic version such as "1.0.0"',
    ]);
  });

  it('suggests the property that was probably meant', () => {
    expect(
      linesFor(companyWith({ name: 'size', type: 'integer', lable: { en: 'Size' }, label: { en: 'Size' } })),
    ).to.deep.equal(['objects/company.json: /fields/1/lable: unknown property "lable" (did you mean "label"?)']);
  });

  it('refuses a label whose key is not a locale', () => {
    expect(linesFor(companyWith({ name: 'size', type: 'integer', label: { EN: 'Size' } }))).to.deep.equal([
      'objects/company.json: /fields/1/label/EN: "EN" is not allowed as a key: must be a locale such as "en" or "zh-CN"',
    ]);
  });

  it('refuses reserved field names', () => {
    expect(linesFor(companyWith(aField('owner', 'user')))).to.deep.equal([
      'objects/company.json: /fields/1/name: "owner" is a reserved name (reserved: id, object, version, owner, team, tenant, tenant_id, created_by, created_at, updated_at, deleted_at, data)',
    ]);
  });

  it('requires options on a select field, once', () => {
    expect(linesFor(companyWith(aField('tier', 'select')))).to.deep.equal([
      'objects/company.json: /fields/1/options: missing required property "options"',
    ]);
  });

  it('requires reference on a reference field', () => {
    expect(linesFor(companyWith(aField('parent', 'reference')))).to.deep.equal([
      'objects/company.json: /fields/1/reference: missing required property "reference"',
    ]);
  });

  it('refuses options on a field that is not a select, without complaining about their content', () => {
    expect(linesFor(companyWith(aField('size', 'integer', { options: [] })))).to.deep.equal([
      'objects/company.json: /fields/1/options: "options" is not allowed when type is "integer"',
    ]);
  });

  it('refuses a pattern on a field that is not text', () => {
    expect(linesFor(companyWith(aField('size', 'integer', { pattern: '^\\d+$' })))).to.deep.equal([
      'objects/company.json: /fields/1/pattern: "pattern" is not allowed when type is "integer"',
    ]);
  });

  it('refuses an unknown field type with the list of types', () => {
    const [line] = linesFor(companyWith(aField('size', 'int')));
    expect(line).to.equal(
      'objects/company.json: /fields/1/type: must be one of: text, longtext, email, phone, url, number, integer, currency, boolean, date, datetime, select, multiselect, user, reference',
    );
  });

  it('refuses an unknown action type with the list of action types', () => {
    const automation = anAutomation({ actions: [{ type: 'send-sms', to: 'record' }] });
    const problems = validatePackage(aFullPackage({ 'automations/welcome.json': automation })).map(formatProblem);
    expect(problems).to.deep.equal([
      'automations/welcome.json: /actions/0/type: unknown type "send-sms"; must be one of: set-field, compute-field, set-stage, assign, create-task, send-email, notify, webhook, enroll-nurture, unenroll-nurture, request-approval, convert, add-to-list, wait',
    ]);
  });

  it('checks an action against the shape of its own type only', () => {
    const automation = anAutomation({ actions: [{ type: 'wait', for: '2 hours', field: 'x' }] });
    const problems = validatePackage(aFullPackage({ 'automations/welcome.json': automation })).map(formatProblem);
    expect(problems).to.deep.equal([
      'automations/welcome.json: /actions/0/field: unknown property "field"',
      'automations/welcome.json: /actions/0/for: must be an ISO 8601 duration in days, hours and minutes such as "PT2H" or "P3D"',
    ]);
  });

  it('says what an either-or value must be, once', () => {
    const model = aScoringModel({ behaviour: 'lots' });
    expect(validatePackage(aFullPackage({ 'scoring/b2b.json': model })).map(formatProblem)).to.deep.equal([
      'scoring/b2b.json: /behaviour: must be a list of behaviour rules or a map such as {"pricing.viewed": 10}',
    ]);
  });

  it('reports the problem inside the alternative that fits the value, not the others', () => {
    const model = aScoringModel({ behaviour: [{ id: 'p', event: 'pricing', points: 1 }] });
    expect(validatePackage(aFullPackage({ 'scoring/b2b.json': model })).map(formatProblem)).to.deep.equal([
      'scoring/b2b.json: /behaviour/0/event: must be an event name such as "pricing.viewed"',
    ]);
  });

  it('refuses a decay that mixes its two forms', () => {
    const model = aScoringModel({ decay: { halfLifeDays: 7, points: -5 } });
    expect(validatePackage(aFullPackage({ 'scoring/b2b.json': model })).map(formatProblem)).to.deep.equal([
      'scoring/b2b.json: /decay/points: "points" is not allowed here',
    ]);
  });

  it('asks for the type of a routing strategy that has none', () => {
    const routing = aRouting({ fallback: { queue: 'unassigned' } });
    const problems = validatePackage(aFullPackage({ 'routing/inbound.json': routing })).map(formatProblem);
    expect(problems).to.deep.equal(['routing/inbound.json: /fallback/type: missing required property "type"']);
  });

  it('reports every schema problem of a file and leaves its cross-checks (the repeated option) until it passes', () => {
    const lead = aLeadObject([
      aField('a', 'texty'),
      aField('b', 'select', { options: options('x', 'x') }),
      { name: 'c', type: 'text' },
    ]);
    const lines = linesFor({ 'objects/lead.json': lead });
    expect(lines).to.deep.equal([
      'objects/lead.json: /fields/8/type: must be one of: text, longtext, email, phone, url, number, integer, currency, boolean, date, datetime, select, multiselect, user, reference',
      'objects/lead.json: /fields/10/label: missing required property "label"',
    ]);
  });
});
