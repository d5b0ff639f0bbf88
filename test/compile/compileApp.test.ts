import { expect } from 'chai';
import { compileApp, compileAppOrThrow, LeadforgeError } from '@leadforge/engine';
import { aFullPackage, aLeadObject, aPackage, anApp } from '../package/packageBuilders.js';

function compiled(files: Record<string, unknown> = {}) {
  const result = compileApp(aPackage(files));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.app;
}

/** Keys reordered at every level: the same content written differently. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

describe('compile: compileApp', () => {
  it('gives equal fingerprints and equal data when a package is compiled twice', () => {
    const a = compiled();
    const b = compiled();
    expect(a.fingerprint).to.match(/^[0-9a-f]{16}$/);
    expect(b.fingerprint).to.equal(a.fingerprint);
    expect(JSON.stringify(b)).to.equal(JSON.stringify(a));
  });

  it('gives the same fingerprint whatever the order of keys and files', () => {
    const pkg = aPackage();
    const shuffled = { files: reversedKeys(pkg.files) as Record<string, unknown> };
    const a = compileApp(pkg);
    const b = compileApp(shuffled);
    expect(a.ok && b.ok && a.app.fingerprint === b.app.fingerprint).to.equal(true);
  });

  it('changes the fingerprint when any value changes', () => {
    expect(compiled({ 'app.json': anApp({ version: '1.0.1' }) }).fingerprint).to.not.equal(compiled().fingerprint);
  });

  it('freezes the app all the way down: assigning throws in strict mode', () => {
    const app = compiled();
    expect(Object.isFrozen(app)).to.equal(true);
    expect(() => {
      (app as { id: string }).id = 'other';
    }).to.throw(TypeError);
    expect(() => {
      (app.objects['lead']!.fields['email'] as { required: boolean }).required = true;
    }).to.throw(TypeError);
    expect(() => {
      (app.roles['rep']!.objects['lead'] as { delete: boolean }).delete = true;
    }).to.throw(TypeError);
    expect(() => {
      (app.files['app.json'] as { id: string }).id = 'other';
    }).to.throw(TypeError);
    expect(() => (app.indexes as unknown[]).push({})).to.throw(TypeError);
  });

  it('leaves the caller’s package objects unfrozen', () => {
    const pkg = aPackage();
    compileApp(pkg);
    expect(Object.isFrozen(pkg.files['app.json'])).to.equal(false);
  });

  it('copies the identity and defaults of app.json', () => {
    const app = compiled({ 'app.json': anApp({ defaultLocale: 'zh-CN', defaultCountry: 'SG', version: '2.1.0' }) });
    expect(app).to.include({ id: 'acme', version: '2.1.0', defaultLocale: 'zh-CN', defaultCountry: 'SG' });
    expect(app.name).to.deep.equal({ en: 'Acme' });
  });

  it('compiles fields with every flag spelled out, in definition order', () => {
    const lead = compiled().objects['lead']!;
    expect(lead.name).to.equal('lead');
    expect(lead.fieldNames.slice(0, 3)).to.deep.equal(['name', 'email', 'industry']);
    expect(lead.fields['email']).to.deep.equal({
      name: 'email',
      type: 'email',
      label: { en: 'email' },
      required: false,
      readonly: false,
      indexed: true,
      pii: true,
    });
    expect(lead.fields['company']).to.include({ reference: 'company' });
    expect(lead.dedupeKeys).to.deep.equal([['email']]);
  });

  it('lists every indexed field as an index', () => {
    const lead = aLeadObject([{ name: 'phone', type: 'phone', label: { en: 'Phone' }, indexed: true }]);
    expect(compiled({ 'objects/lead.json': lead }).indexes).to.deep.equal([
      { object: 'lead', field: 'email' },
      { object: 'lead', field: 'phone' },
    ]);
  });

  it('compiles roles; an object a role does not list is one it cannot access', () => {
    const { roles } = compiled();
    expect(roles['admin']).to.include({ id: 'admin', admin: true });
    expect(roles['rep']!.admin).to.equal(false);
    expect(roles['rep']!.objects['lead']).to.deep.equal({
      read: true,
      create: true,
      update: true,
      delete: false,
      scope: 'own',
      fields: {},
    });
    expect(roles['rep']!.objects['company']).to.equal(undefined);
  });

  it('compiles the full package with every kind of definition', () => {
    expect(compileApp(aFullPackage()).ok).to.equal(true);
  });

  it('answers the problems instead of an app for an invalid package', () => {
    const result = compileApp(aPackage({ 'app.json': anApp({ version: 'one' }) }));
    expect(result).to.deep.equal({
      ok: false,
      problems: [{ file: 'app.json', pointer: '/version', message: 'must be a semantic version such as "1.0.0"' }],
    });
  });

  it('compileAppOrThrow throws INVALID with one detail per problem, path = file + pointer', () => {
    let thrown: unknown;
    try {
      compileAppOrThrow(aPackage({ 'app.json': anApp({ version: 'one', defaultCountry: 'cn' }) }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(LeadforgeError);
    const error = thrown as LeadforgeError;
    expect(error.code).to.equal('INVALID');
    expect(error.details).to.deep.equal([
      { path: 'app.json/defaultCountry', message: 'must be an ISO 3166 alpha-2 country code such as "CN"' },
      { path: 'app.json/version', message: 'must be a semantic version such as "1.0.0"' },
    ]);
  });

  it('compileAppOrThrow returns the app for a valid package', () => {
    expect(compileAppOrThrow(aPackage()).id).to.equal('acme');
  });
});
