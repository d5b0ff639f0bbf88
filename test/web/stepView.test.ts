import type { RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { expect } from 'chai';
import type { FieldStates } from '../../runtime/forms/src/model/fieldStates.js';
import { shownStepAt, shownSteps } from '../../runtime/forms/src/model/shownSteps.js';
import { stepView, visibleFormView } from '../../runtime/forms/src/model/stepView.js';
import { visibleAnswers } from '../../runtime/forms/src/model/visibleAnswers.js';

const schema: RJSFSchema = {
  type: 'object',
  title: 'Contact us',
  properties: {
    name: { type: 'string', title: 'Name', maxLength: 80 },
    email: { type: 'string', title: 'Email', format: 'email' },
    interest: { type: 'string', enum: ['demo', 'pricing', 'other'] },
    other: { type: 'string', title: 'Tell us more' },
    website: { type: 'string' },
    consent: { type: 'boolean' },
    utm: { type: 'string' },
  },
  required: ['name'],
};
const uiSchema = {
  'ui:order': ['name', 'email', 'interest', 'other', 'website', 'consent', 'utm'],
  email: { 'ui:placeholder': 'you@company.com' },
  other: { 'ui:widget': 'textarea' },
};
const steps = [
  { id: 'who', title: { en: 'Who' }, fields: ['name', 'email', 'website'] },
  { id: 'what', title: { en: 'What' }, fields: ['interest', 'other', 'consent', 'utm'] },
];
const notRendered = new Set(['website', 'consent', 'utm']);

function states(visible: readonly string[] | 'all', required: readonly string[]): FieldStates {
  return { visible: (f) => visible === 'all' || visible.includes(f), required: (f) => required.includes(f) };
}

describe('forms: one step as rjsf renders and validates it', () => {
  it('keeps the step’s visible fields in order with their uiSchema, and leaves out honeypot, consent and hidden fields', () => {
    const view = stepView(schema, uiSchema, steps[0]!, states('all', ['name']), notRendered);
    expect(view.fields).to.deep.equal(['name', 'email']);
    expect(Object.keys(view.schema.properties!)).to.deep.equal(['name', 'email']);
    expect(view.uiSchema).to.deep.equal({
      email: { 'ui:placeholder': 'you@company.com' },
      'ui:order': ['name', 'email'],
    });
  });

  it('shows the form title once, not again as a legend in every step', () => {
    expect(stepView(schema, uiSchema, steps[0]!, states('all', []), notRendered).schema).to.not.have.property('title');
  });

  it('accepts the answers of the other steps, which travel with the step’s own', () => {
    const view = stepView(
      { ...schema, additionalProperties: false },
      uiSchema,
      steps[1]!,
      states('all', []),
      notRendered,
    );
    expect(validator.validateFormData({ name: 'Li', interest: 'demo' }, view.schema).errors).to.have.length(0);
  });

  it('drops a field the evaluator hides and requires a field it requires', () => {
    const hidden = stepView(schema, uiSchema, steps[1]!, states(['interest'], []), notRendered);
    expect(hidden.fields).to.deep.equal(['interest']);
    const shown = stepView(schema, uiSchema, steps[1]!, states(['interest', 'other'], ['other']), notRendered);
    expect(shown.fields).to.deep.equal(['interest', 'other']);
    expect(shown.schema.required).to.deep.equal(['other']);
  });

  it('validates with ajv exactly the visible fields: a hidden required field does not block, a shown one does', () => {
    const answers = { interest: 'other' };
    const hiddenOther = stepView(schema, uiSchema, steps[1]!, states(['interest'], ['other']), notRendered);
    expect(validator.validateFormData(answers, hiddenOther.schema).errors).to.have.length(0);
    const shownOther = stepView(schema, uiSchema, steps[1]!, states(['interest', 'other'], ['other']), notRendered);
    const { errors } = validator.validateFormData(answers, shownOther.schema);
    expect(errors.map((e) => [e.name, e.property])).to.deep.equal([['required', 'other']]);
  });

  it('validates every visible field of every step before sending', () => {
    const whole = visibleFormView(schema, uiSchema, steps, states('all', ['name']), notRendered);
    expect(whole.fields).to.deep.equal(['name', 'email', 'interest', 'other']);
    const { errors } = validator.validateFormData({ email: 'not an email' }, whole.schema);
    expect(errors.map((e) => e.name).sort()).to.deep.equal(['format', 'required']);
  });
});

describe('forms: answers sent', () => {
  it('sends only visible fields and no empty values', () => {
    const answers = { name: ' Li Na ', email: '', interest: 'demo', other: 'left over from before', phone: null };
    expect(visibleAnswers(answers, ['name', 'email', 'interest', 'phone'])).to.deep.equal({
      name: ' Li Na ',
      interest: 'demo',
    });
  });

  it('keeps false and 0, which are answers', () => {
    expect(visibleAnswers({ newsletter: false, seats: 0 }, ['newsletter', 'seats'])).to.deep.equal({
      newsletter: false,
      seats: 0,
    });
  });

  it('never reads an inherited property as an answer', () => {
    expect(visibleAnswers({}, ['constructor', 'toString'])).to.deep.equal({});
  });
});

describe('forms: steps the visitor goes through', () => {
  it('skips a step whose fields are all hidden', () => {
    expect(shownSteps([2, 0, 1])).to.deep.equal([0, 2]);
  });

  it('keeps the last step when nothing is visible, for consent and the submit button', () => {
    expect(shownSteps([0, 0])).to.deep.equal([1]);
  });

  it('moves to the next shown step when the current one empties', () => {
    expect(shownStepAt([0, 2], 1)).to.equal(2);
    expect(shownStepAt([0, 2], 0)).to.equal(0);
    expect(shownStepAt([0], 3)).to.equal(0);
  });
});
