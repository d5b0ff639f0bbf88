import { expect } from 'chai';
import { formLocale } from '../../runtime/forms/src/model/formLocale.js';
import { labelText } from '../../runtime/forms/src/model/labelText.js';
import { localizeSchema, localizeUiSchema } from '../../runtime/forms/src/model/localizeSchema.js';

const form = { locale: 'zh-CN', locales: ['zh-CN', 'en'] };

describe('forms: language', () => {
  it('shows the form in its own locale by default', () => {
    expect(formLocale(form, null)).to.equal('zh-CN');
  });

  it('lets ?lang=en override it', () => {
    expect(formLocale(form, 'en')).to.equal('en');
  });

  it('matches a language by its primary tag (zh, en-GB) and case', () => {
    expect(formLocale({ locale: 'en', locales: ['en', 'zh-CN'] }, 'zh')).to.equal('zh-CN');
    expect(formLocale(form, 'EN-gb')).to.equal('en');
  });

  it('ignores a language the form does not have', () => {
    expect(formLocale(form, 'fr')).to.equal('zh-CN');
  });

  it('picks a label’s text in the locale, then English, then any', () => {
    expect(labelText({ en: 'Company', 'zh-CN': '公司' }, 'zh-CN')).to.equal('公司');
    expect(labelText({ en: 'Company' }, 'zh-CN')).to.equal('Company');
    expect(labelText({ ja: '会社' }, 'zh-CN')).to.equal('会社');
    expect(labelText(undefined, 'en', 'company')).to.equal('company');
  });

  it('localises label maps in a schema and uiSchema and keeps plain strings', () => {
    const schema = localizeSchema(
      {
        type: 'object',
        properties: {
          company: { type: 'string', title: { en: 'Company', 'zh-CN': '公司' } as never },
          email: { type: 'string', title: 'Email' },
          size: { type: 'string', oneOf: [{ const: 's', title: { en: 'Small', 'zh-CN': '小' } as never }] },
        },
      },
      'zh-CN',
    );
    expect(schema.properties).to.deep.include({
      company: { type: 'string', title: '公司' },
      email: { type: 'string', title: 'Email' },
    });
    expect((schema.properties!['size'] as { oneOf: unknown[] }).oneOf[0]).to.deep.equal({ const: 's', title: '小' });
    const ui = localizeUiSchema(
      { company: { 'ui:help': { en: 'Legal name', 'zh-CN': '公司全称' }, 'ui:widget': 'text' } },
      'en',
    );
    expect(ui).to.deep.equal({ company: { 'ui:help': 'Legal name', 'ui:widget': 'text' } });
  });
});
