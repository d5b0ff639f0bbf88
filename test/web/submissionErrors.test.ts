import { expect } from 'chai';
import { submissionErrors } from '../../runtime/forms/src/model/submissionErrors.js';

const steps = [
  { id: 'who', title: {}, fields: ['name', 'email'] },
  { id: 'what', title: {}, fields: ['interest', 'a/b'] },
];

describe('forms: a 422 shown next to the fields', () => {
  it('puts each message by its field and goes back to the first step with one', () => {
    const errors = submissionErrors(
      [
        { path: '/answers/interest', message: '请从选项中选择' },
        { path: '/answers/email', message: '邮箱格式不正确' },
      ],
      steps,
    );
    expect(errors.byField).to.deep.equal({ interest: ['请从选项中选择'], email: ['邮箱格式不正确'] });
    expect(errors.firstStep).to.equal(0);
  });

  it('reads a field of a nested path and an escaped JSON pointer', () => {
    const errors = submissionErrors(
      [
        { path: '/answers/email/0', message: 'first' },
        { path: '/answers/a~1b', message: 'slash' },
      ],
      steps,
    );
    expect(errors.byField).to.deep.equal({ email: ['first'], 'a/b': ['slash'] });
  });

  it('shows consent messages by the consent box and the rest above the buttons', () => {
    const errors = submissionErrors(
      [
        { path: '/consent', message: 'consent is required' },
        { path: '/renderToken', message: 'reload the form' },
        { path: '/answers/unknownField', message: 'not a field of this form' },
      ],
      steps,
    );
    expect(errors).to.deep.equal({
      byField: {},
      consent: ['consent is required'],
      general: ['reload the form', 'not a field of this form'],
      firstStep: null,
    });
  });

  it('cannot be tricked by a field named like an Object property', () => {
    const errors = submissionErrors(
      [{ path: '/answers/__proto__', message: 'x' }],
      [{ id: 's', title: {}, fields: ['__proto__'] }],
    );
    expect(Object.getPrototypeOf(errors.byField)).to.equal(Object.prototype);
    expect(Object.keys(errors.byField)).to.deep.equal(['__proto__']);
  });
});
