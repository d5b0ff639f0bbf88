import validator from '@rjsf/validator-ajv8';
import { expect } from 'chai';
import { localizeValidationErrors } from '../../runtime/forms/src/i18n/validationMessages.js';

const schema = {
  type: 'object' as const,
  properties: { email: { type: 'string' as const, format: 'email' }, name: { type: 'string' as const, maxLength: 3 } },
  required: ['email'],
};

function messages(data: unknown, locale: string): Record<string, string> {
  const { errors } = validator.validateFormData(data, schema, undefined, localizeValidationErrors(locale));
  return Object.fromEntries(errors.map((e) => [e.name ?? '', e.message ?? '']));
}

describe('forms: validation messages in the form’s language', () => {
  it('says a required field is required, in Chinese', () => {
    expect(messages({}, 'zh-CN')).to.deep.equal({ required: '此项为必填项。' });
  });

  it('explains formats and lengths in English', () => {
    expect(messages({ email: 'nope', name: 'Zhang San' }, 'en')).to.deep.equal({
      format: 'Enter a valid email address.',
      maxLength: 'Enter at most 3 characters.',
    });
  });
});
