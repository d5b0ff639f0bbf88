import { expect } from 'chai';
import { formatProblem, validatePackage } from '@leadforge/engine';
import {
  aDashboard,
  aField,
  aForm,
  aFullPackage,
  aLeadObject,
  aNurture,
  anApp,
  anAutomation,
  aPipeline,
  aReport,
  aRole,
  aRouting,
  aScoringModel,
  FULL,
  options,
} from './packageBuilders.js';

/** The problems of the full valid package with some files replaced. */
function problemsWith(files: Record<string, unknown>): string[] {
  return validatePackage(aFullPackage(files)).map(formatProblem);
}

describe('package validator: cross-checks', () => {
  it('accepts the full package with every kind of definition', () => {
    expect(problemsWith({})).to.deep.equal([]);
  });

  describe('app', () => {
    it('requires the default locale to be one of the declared locales', () => {
      expect(problemsWith({ 'app.json': anApp({ locales: ['zh-CN'] }) })).to.deep.equal([
        'app.json: /defaultLocale: "en" is not one of locales (zh-CN)',
      ]);
    });
  });

  describe('objects', () => {
    it('refuses two fields with one name', () => {
      expect(problemsWith({ 'objects/lead.json': aLeadObject([aField('email', 'text')]) })).to.deep.equal([
        'objects/lead.json: /fields/8/name: field "email" is defined twice (first at /fields/1/name)',
      ]);
    });

    it('refuses two options with one value in a field', () => {
      const lead = aLeadObject([aField('tier', 'select', { options: options('a', 'b', 'a') })]);
      expect(problemsWith({ 'objects/lead.json': lead })).to.deep.equal([
        'objects/lead.json: /fields/8/options/2/value: option "a" of field "tier" is defined twice (first at /fields/8/options/0/value)',
      ]);
    });

    it('refuses a reference to an object that does not exist, suggesting a close one', () => {
      const lead = aLeadObject([aField('account', 'reference', { reference: 'compnay' })]);
      expect(problemsWith({ 'objects/lead.json': lead })).to.deep.equal([
        'objects/lead.json: /fields/8/reference: unknown object "compnay" (did you mean "company"?)',
      ]);
    });

    it('refuses a dedupe key naming a field the object lacks', () => {
      const lead = aLeadObject([], { dedupe: [['email'], ['name', 'phone']] });
      expect(problemsWith({ 'objects/lead.json': lead })).to.deep.equal([
        'objects/lead.json: /dedupe/1/1: unknown field "phone" on object "lead"',
      ]);
    });

    it('refuses a default that does not fit the field', () => {
      const lead = aLeadObject([aField('tier', 'select', { options: options('a', 'b'), default: 'c' })]);
      expect(problemsWith({ 'objects/lead.json': lead })).to.deep.equal([
        'objects/lead.json: /fields/8/default: must be one of the options: a, b',
      ]);
    });

    it('refuses min above max', () => {
      const lead = aLeadObject([aField('budget', 'currency', { min: 10, max: 5 })]);
      expect(problemsWith({ 'objects/lead.json': lead })).to.deep.equal([
        'objects/lead.json: /fields/8/min: min (10) must not be greater than max (5)',
      ]);
    });

    it('refuses a fractional length bound on a text field', () => {
      const lead = aLeadObject([aField('code', 'text', { max: 2.5 })]);
      expect(problemsWith({ 'objects/lead.json': lead })).to.deep.equal([
        'objects/lead.json: /fields/8/max: must be a whole number of characters for a text field',
      ]);
    });

    it('refuses a pattern with nested quantifiers (catastrophic backtracking)', () => {
      const lead = aLeadObject([aField('code', 'text', { pattern: '^(a+)+$' })]);
      const [line] = problemsWith({ 'objects/lead.json': lead });
      expect(line).to.match(/^objects\/lead\.json: \/fields\/8\/pattern: repeats a group that itself repeats/);
    });

    it('refuses a pattern that is not a regular expression', () => {
      const lead = aLeadObject([aField('code', 'text', { pattern: '([a-z]' })]);
      const [line] = problemsWith({ 'objects/lead.json': lead });
      expect(line).to.match(/^objects\/lead\.json: \/fields\/8\/pattern: is not a valid regular expression/);
    });

    it('refuses a required read-only field without a default (no write could ever set it)', () => {
      const lead = aLeadObject([aField('rank', 'integer', { readonly: true, required: true })]);
      expect(problemsWith({ 'objects/lead.json': lead })).to.deep.equal([
        'objects/lead.json: /fields/8/required: a read-only field cannot be required unless it has a default',
      ]);
    });
  });

  describe('roles', () => {
    it('refuses two roles with one id', () => {
      const roles = { roles: [aRole('rep'), aRole('rep')] };
      expect(problemsWith({ 'roles.json': roles })).to.deep.equal([
        'roles.json: /roles/1/id: role "rep" is defined twice (first at /roles/0/id)',
      ]);
    });

    it('refuses a permission on an object that does not exist', () => {
      const roles = { roles: [aRole('rep', { leads: FULL })] };
      expect(problemsWith({ 'roles.json': roles })).to.deep.equal([
        'roles.json: /roles/0/objects/leads: unknown object "leads" (did you mean "lead"?)',
      ]);
    });

    it('refuses a field permission on a field the object lacks', () => {
      const roles = { roles: [aRole('rep', { lead: { ...FULL, fields: { budget: 'read' } } })] };
      expect(problemsWith({ 'roles.json': roles })).to.deep.equal([
        'roles.json: /roles/0/objects/lead/fields/budget: unknown field "budget" on object "lead"',
      ]);
    });
  });

  describe('forms', () => {
    it('refuses an unknown object', () => {
      expect(problemsWith({ 'forms/contact-us.json': aForm({ object: 'leed' }) })).to.deep.equal([
        'forms/contact-us.json: /object: unknown object "leed" (did you mean "lead"?)',
      ]);
    });

    it('refuses an unknown field, suggesting the close one', () => {
      const form = aForm({ fields: [{ field: 'name' }, { field: 'email' }, { field: 'emial' }] });
      expect(problemsWith({ 'forms/contact-us.json': form })).to.deep.equal([
        'forms/contact-us.json: /fields/2/field: unknown field "emial" on object "lead" (did you mean "email"?)',
      ]);
    });

    it('refuses a read-only field', () => {
      const form = aForm({ fields: [{ field: 'name' }, { field: 'score' }] });
      expect(problemsWith({ 'forms/contact-us.json': form })).to.deep.equal([
        'forms/contact-us.json: /fields/1/field: field "score" is read-only and cannot be captured by a form',
      ]);
    });

    it('refuses a form that leaves out a required field', () => {
      expect(problemsWith({ 'forms/contact-us.json': aForm({ fields: [{ field: 'email' }] }) })).to.deep.equal([
        'forms/contact-us.json: /fields: required field "name" of object "lead" is missing from the form',
      ]);
    });

    it('refuses a variable in a visibility rule that names no field', () => {
      const form = aForm({
        fields: [{ field: 'name' }, { field: 'email', visibleWhen: { '==': [{ var: 'industri' }, 'saas'] } }],
      });
      expect(problemsWith({ 'forms/contact-us.json': form })).to.deep.equal([
        'forms/contact-us.json: /fields/1/visibleWhen/==/0/var: unknown field "industri" on object "lead" (did you mean "industry"?)',
      ]);
    });

    it('refuses a step listing a field the form does not capture', () => {
      const form = aForm({ steps: [{ id: 'one', label: { en: '1' }, fields: ['name', 'industry'] }] });
      expect(problemsWith({ 'forms/contact-us.json': form })).to.deep.equal([
        'forms/contact-us.json: /steps/0/fields/1: field "industry" is not in this form\'s fields',
      ]);
    });

    it('requires consent to be recorded in a boolean field', () => {
      const form = aForm({ consent: { text: { en: 'I agree' }, field: 'email' } });
      expect(problemsWith({ 'forms/contact-us.json': form })).to.deep.equal([
        'forms/contact-us.json: /consent/field: field "email" must be a boolean field to record consent',
      ]);
    });
  });

  describe('pipelines', () => {
    it('refuses two stages with one id', () => {
      const pipeline = aPipeline({ stages: [{ id: 'new' }, { id: 'won' }, { id: 'new' }] });
      expect(problemsWith({ 'pipelines/sales.json': pipeline })).to.deep.equal([
        'pipelines/sales.json: /stages/2/id: stage "new" is defined twice (first at /stages/0/id)',
      ]);
    });

    it('refuses a stage that is not an option of the stage field', () => {
      const pipeline = aPipeline({ stages: [{ id: 'new' }, { id: 'proposl' }] });
      expect(problemsWith({ 'pipelines/sales.json': pipeline })).to.deep.equal([
        'pipelines/sales.json: /stages/1/id: stage "proposl" is not an option of field "stage" on object "lead" (did you mean "proposal"?)',
      ]);
    });

    it('refuses a required field of a stage that the object lacks', () => {
      const pipeline = aPipeline({ stages: [{ id: 'new', requiredFields: ['budget'] }] });
      expect(problemsWith({ 'pipelines/sales.json': pipeline })).to.deep.equal([
        'pipelines/sales.json: /stages/0/requiredFields/0: unknown field "budget" on object "lead"',
      ]);
    });

    it('refuses an approval by a role that does not exist', () => {
      const pipeline = aPipeline({ stages: [{ id: 'new' }, { id: 'won', approval: { role: 'managr' } }] });
      expect(problemsWith({ 'pipelines/sales.json': pipeline })).to.deep.equal([
        'pipelines/sales.json: /stages/1/approval/role: unknown role "managr"',
      ]);
    });

    it('refuses a stage field that is not a select field', () => {
      expect(problemsWith({ 'pipelines/sales.json': aPipeline({ field: 'name' }) })[0]).to.equal(
        'pipelines/sales.json: /field: field "name" must be a select field to hold stages (it is text)',
      );
    });
  });

  describe('scoring', () => {
    it('refuses two rules with one id', () => {
      const rule = { id: 'saas', points: 5, when: true };
      expect(problemsWith({ 'scoring/b2b.json': aScoringModel({ rules: [rule, rule] }) })).to.deep.equal([
        'scoring/b2b.json: /rules/1/id: rule "saas" is defined twice (first at /rules/0/id)',
      ]);
    });

    it('refuses a rule that reads an unknown field, at the pointer of the variable', () => {
      const rules = [{ id: 'big', points: 8, when: { and: [true, { '>': [{ var: 'employes' }, 500] }] } }];
      expect(problemsWith({ 'scoring/b2b.json': aScoringModel({ rules }) })).to.deep.equal([
        'scoring/b2b.json: /rules/0/when/and/1/>/0/var: unknown field "employes" on object "lead" (did you mean "employees"?)',
      ]);
    });

    it('accepts variables naming system fields and nested paths of fields', () => {
      const rules = [
        { id: 'owned', points: 1, when: { '!!': [{ var: 'owner' }] } },
        { id: 'nested', points: 1, when: { '==': [{ var: ['company.name', ''] }, 'x'] } },
        { id: 'items', points: 1, when: { some: [{ var: 'industry' }, { '==': [{ var: '' }, 'saas'] }] } },
      ];
      expect(problemsWith({ 'scoring/b2b.json': aScoringModel({ rules }) })).to.deep.equal([]);
    });

    it('refuses a rule nested deeper than 32 levels', () => {
      let when: unknown = { var: 'industry' };
      for (let i = 0; i < 40; i++) when = { '!': [when] };
      const rules = [{ id: 'deep', points: 1, when }];
      expect(problemsWith({ 'scoring/b2b.json': aScoringModel({ rules }) })).to.deep.equal([
        'scoring/b2b.json: /rules/0/when: rule nests deeper than 32 levels',
      ]);
    });

    it('refuses a grade that is not an option of the grade field', () => {
      const grades = [
        { min: 50, grade: 'hot' },
        { min: 0, grade: 'tepid' },
      ];
      expect(problemsWith({ 'scoring/b2b.json': aScoringModel({ grades }) })).to.deep.equal([
        'scoring/b2b.json: /grades/1/grade: grade "tepid" is not an option of field "grade" on object "lead"',
      ]);
    });

    it('accepts behaviour as a list of rules and decay as a half-life', () => {
      const model = aScoringModel({
        behaviour: [
          { id: 'pricing', event: 'pricing.viewed', points: 10, cap: 30, when: { '==': [{ var: 'plan' }, 'pro'] } },
        ],
        decay: { halfLifeDays: 14 },
        floor: 0,
        ceiling: 100,
        mqlThreshold: 60,
      });
      expect(problemsWith({ 'scoring/b2b.json': model })).to.deep.equal([]);
    });

    it('refuses a behaviour rule whose id is already a fit rule id', () => {
      const model = aScoringModel({ behaviour: [{ id: 'saas', event: 'pricing.viewed', points: 10 }] });
      expect(problemsWith({ 'scoring/b2b.json': model })).to.deep.equal([
        'scoring/b2b.json: /behaviour/0/id: rule "saas" is defined twice (first at /rules/0/id)',
      ]);
    });

    it('refuses a floor above the ceiling', () => {
      expect(problemsWith({ 'scoring/b2b.json': aScoringModel({ floor: 50, ceiling: 10 }) })).to.deep.equal([
        'scoring/b2b.json: /floor: floor (50) must not be above ceiling (10)',
      ]);
    });

    it('refuses an MQL grade below a grade that is not one', () => {
      const grades = [
        { min: 50, grade: 'hot' },
        { min: 0, grade: 'warm', mql: true },
      ];
      expect(problemsWith({ 'scoring/b2b.json': aScoringModel({ grades }) })).to.deep.equal([
        'scoring/b2b.json: /grades/1/mql: MQL grades must be the top ones (a higher grade is not an MQL)',
      ]);
    });

    it('refuses grades out of order', () => {
      const grades = [
        { min: 0, grade: 'cold' },
        { min: 50, grade: 'hot' },
      ];
      expect(problemsWith({ 'scoring/b2b.json': aScoringModel({ grades }) })).to.deep.equal([
        'scoring/b2b.json: /grades/1/min: grades go from the highest min to the lowest: 50 must be below 0',
      ]);
    });
  });

  describe('routing', () => {
    it('refuses a stage that no pipeline of the object defines', () => {
      const rules = [{ id: 'late', stages: ['negotiation'], strategy: { type: 'owner', user: 'ann@example.com' } }];
      expect(problemsWith({ 'routing/inbound.json': aRouting({ rules }) })).to.deep.equal([
        'routing/inbound.json: /rules/0/stages/0: unknown stage "negotiation" in the pipelines of object "lead"',
      ]);
    });

    it('refuses a pool role that does not exist', () => {
      const rules = [{ id: 'all', strategy: { type: 'capacity', pool: { role: 'reps' }, maxOpen: 50 } }];
      expect(problemsWith({ 'routing/inbound.json': aRouting({ rules }) })).to.deep.equal([
        'routing/inbound.json: /rules/0/strategy/pool/role: unknown role "reps" (did you mean "rep"?)',
      ]);
    });

    it('refuses a territory field the object lacks', () => {
      const fallback = {
        type: 'territory',
        field: 'region',
        territories: [{ values: ['east'], pool: { team: 'east' } }],
      };
      expect(problemsWith({ 'routing/inbound.json': aRouting({ fallback }) })).to.deep.equal([
        'routing/inbound.json: /fallback/field: unknown field "region" on object "lead"',
      ]);
    });
  });

  describe('automations', () => {
    it('refuses a trigger stage that no pipeline defines', () => {
      const automation = anAutomation({ trigger: { type: 'stage.entered', stage: 'qualified' } });
      expect(problemsWith({ 'automations/welcome.json': automation })).to.deep.equal([
        'automations/welcome.json: /trigger/stage: unknown stage "qualified" in the pipelines of object "lead"',
      ]);
    });

    it('refuses a set-stage action to a stage that no pipeline defines', () => {
      const automation = anAutomation({ actions: [{ type: 'set-stage', stage: 'wonn' }] });
      expect(problemsWith({ 'automations/welcome.json': automation })).to.deep.equal([
        'automations/welcome.json: /actions/0/stage: unknown stage "wonn" in the pipelines of object "lead" (did you mean "won"?)',
      ]);
    });

    it('refuses conditions that read an unknown field', () => {
      const automation = anAutomation({ conditions: { '==': [{ var: 'country' }, 'CN'] } });
      expect(problemsWith({ 'automations/welcome.json': automation })).to.deep.equal([
        'automations/welcome.json: /conditions/==/0/var: unknown field "country" on object "lead"',
      ]);
    });

    it('refuses a set-field action on an unknown field', () => {
      const automation = anAutomation({ actions: [{ type: 'set-field', field: 'statu', value: 'x' }] });
      expect(problemsWith({ 'automations/welcome.json': automation })).to.deep.equal([
        'automations/welcome.json: /actions/0/field: unknown field "statu" on object "lead"',
      ]);
    });

    it('refuses references to routing, nurture sequences, forms and roles that do not exist', () => {
      const automation = anAutomation({
        trigger: { type: 'form.submitted', form: 'contact' },
        actions: [
          { type: 'assign', routing: 'outbound' },
          { type: 'enroll-nurture', nurture: 'onbording' },
          { type: 'notify', role: 'boss', message: { en: 'New lead' } },
        ],
      });
      expect(problemsWith({ 'automations/welcome.json': automation })).to.deep.equal([
        'automations/welcome.json: /actions/0/routing: unknown routing "outbound"',
        'automations/welcome.json: /actions/1/nurture: unknown nurture sequence "onbording" (did you mean "onboarding"?)',
        'automations/welcome.json: /actions/2/role: unknown role "boss"',
        'automations/welcome.json: /trigger/form: unknown form "contact"',
      ]);
    });

    it('refuses a form of another object as trigger', () => {
      const form = { id: 'signup', object: 'company', label: { en: 'Sign up' }, fields: [{ field: 'name' }] };
      const automation = anAutomation({ trigger: { type: 'form.submitted', form: 'signup' } });
      expect(problemsWith({ 'forms/signup.json': form, 'automations/welcome.json': automation })).to.deep.equal([
        'automations/welcome.json: /trigger/form: form "signup" is about object "company", not "lead"',
      ]);
    });
  });

  describe('nurture', () => {
    it('refuses two steps with one id', () => {
      const steps = [
        { type: 'wait', id: 'pause', for: 'P1D' },
        { type: 'wait', id: 'pause', for: 'P2D' },
      ];
      expect(problemsWith({ 'nurture/onboarding.json': aNurture({ steps }) })).to.deep.equal([
        'nurture/onboarding.json: /steps/1/id: step "pause" is defined twice (first at /steps/0/id)',
      ]);
    });

    it('requires messages to go to an email field', () => {
      expect(problemsWith({ 'nurture/onboarding.json': aNurture({ emailField: 'name' }) })).to.deep.equal([
        'nurture/onboarding.json: /emailField: field "name" must be an email field to receive messages (it is text)',
      ]);
    });
  });

  describe('reports and dashboards', () => {
    it('refuses unknown fields in filters, dimensions and measures', () => {
      const report = aReport({
        filters: { $and: [{ regoin: { $eq: 'east' } }] },
        dimensions: [{ field: 'source' }],
        measures: [{ id: 'total', op: 'sum', field: 'budget' }],
        sort: [],
      });
      expect(problemsWith({ 'reports/by-industry.json': report })).to.deep.equal([
        'reports/by-industry.json: /dimensions/0/field: unknown field "source" on object "lead"',
        'reports/by-industry.json: /filters/$and/0/regoin: unknown field "regoin" on object "lead"',
        'reports/by-industry.json: /measures/0/field: unknown field "budget" on object "lead"',
      ]);
    });

    it('accepts system columns as dimensions, such as leads per month of created_at', () => {
      const report = aReport({ dimensions: [{ field: 'created_at', bucket: 'month' }, { field: 'owner' }], sort: [] });
      expect(problemsWith({ 'reports/by-industry.json': report })).to.deep.equal([]);
    });

    it('refuses a bucket on a field that is not a date', () => {
      const report = aReport({ dimensions: [{ field: 'industry', bucket: 'month' }] });
      expect(problemsWith({ 'reports/by-industry.json': report })).to.deep.equal([
        'reports/by-industry.json: /dimensions/0/bucket: a bucket needs a date or datetime field; "industry" is select',
      ]);
    });

    it('refuses a sum over a field that is not a number', () => {
      const report = aReport({ measures: [{ id: 'leads', op: 'sum', field: 'industry' }] });
      expect(problemsWith({ 'reports/by-industry.json': report })).to.deep.equal([
        'reports/by-industry.json: /measures/0/field: sum needs a number field; "industry" is select',
      ]);
    });

    it('refuses a dashboard widget showing a report that does not exist', () => {
      const widgets = [{ id: 'w', report: 'by-industri', x: 0, y: 0, w: 4, h: 2 }];
      expect(problemsWith({ 'dashboards/overview.json': aDashboard({ widgets }) })).to.deep.equal([
        'dashboards/overview.json: /widgets/0/report: unknown report "by-industri" (did you mean "by-industry"?)',
      ]);
    });

    it('refuses a widget that overflows the grid', () => {
      const widgets = [{ id: 'w', report: 'by-industry', x: 8, y: 0, w: 6, h: 2 }];
      expect(problemsWith({ 'dashboards/overview.json': aDashboard({ widgets }) })).to.deep.equal([
        "dashboards/overview.json: /widgets/0/w: widget ends at column 14, past the grid's 12 columns",
      ]);
    });
  });

  describe('broken files referenced by others', () => {
    it('reports a broken object once and does not cascade into the files that use it', () => {
      const lead = aLeadObject([], { fields: 'none' });
      expect(problemsWith({ 'objects/lead.json': lead })).to.deep.equal([
        'objects/lead.json: /fields: must be an array',
      ]);
    });
  });
});
