import { expect } from 'chai';
import { normaliseData, normaliseValue, phoneToE164 } from '../../engine/src/capture/index.js';
import type { CompiledApp } from '@leadforge/engine';
import { testApp } from './support/captureApp.js';

describe('capture: normalisation', () => {
  let app: CompiledApp;
  before(async () => {
    app = await testApp();
  });
  const lead = () => app.objects['lead']!;
  const value = (field: string, v: unknown) => normaliseValue(lead().fields[field]!, v, 'CN');

  it('trims a name and collapses the spaces inside it, full-width spaces included', () => {
    expect(value('name', '  Zhang \u3000 San  ')).to.deep.equal({ ok: true, value: 'Zhang San' });
  });

  it('lower-cases an email and trims it', () => {
    expect(value('email', '  Jane.Doe@Example.COM ')).to.deep.equal({ ok: true, value: 'jane.doe@example.com' });
  });

  it('writes a Chinese mobile number without a country code in E.164 with the default country', () => {
    expect(value('phone', '138 0013 8000')).to.deep.equal({ ok: true, value: '+8613800138000' });
  });

  it('keeps the country of a number written with +', () => {
    expect(value('phone', '+1 (415) 555-2671')).to.deep.equal({ ok: true, value: '+14155552671' });
  });

  it('reads a number with the app default country US as a US number', () => {
    expect(phoneToE164('(415) 555-2671', 'US')).to.equal('+14155552671');
  });

  it('refuses a phone number that cannot be one', () => {
    expect(value('phone', '12')).to.deep.equal({ ok: false, failure: 'phone' });
  });

  it('refuses CRLF in a one-line field such as a name', () => {
    expect(value('name', 'Jane\r\nX-Injected: 1')).to.deep.equal({ ok: false, failure: 'controlCharacters' });
  });

  it('keeps line breaks in a long text and unifies them to \\n', () => {
    expect(value('notes', ' line one\r\nline two ')).to.deep.equal({ ok: true, value: 'line one\nline two' });
  });

  it('treats a blank answer as no answer', () => {
    expect(value('company_name', '   ')).to.deep.equal({ ok: true, empty: true });
  });

  it('reads digits given as text in a number field as a number', () => {
    expect(value('employees', ' 120 ')).to.deep.equal({ ok: true, value: 120 });
  });

  it('leaves a value of the wrong type for the validator to name', () => {
    expect(value('employees', 'lots')).to.deep.equal({ ok: true, value: 'lots' });
  });

  it('refuses __proto__ as a field name instead of setting a prototype', () => {
    const data = JSON.parse('{"__proto__": {"polluted": true}, "name": "x"}');
    const { data: out, problems } = normaliseData(lead(), data, 'CN');
    expect(problems).to.deep.equal([{ path: '/data/__proto__', message: 'is not allowed' }]);
    expect(Object.getPrototypeOf(out)).to.equal(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
  });
});
