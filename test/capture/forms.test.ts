import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { CompiledApp } from '@leadforge/engine';
import { compileForm, formState } from '../../engine/src/forms/index.js';
import { testApp } from './support/captureApp.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('forms: compiled form and the shared conditional-logic evaluator', () => {
  let app: CompiledApp;
  before(async () => {
    app = await testApp();
  });
  const contactUs = () => compileForm(app, 'contact-us')!;

  it('shows budget only when the role is ceo, cto or vp', () => {
    const { conditions } = contactUs().view;
    expect(formState(conditions, { role: 'cto' }).visible).to.deep.equal(['budget']);
    expect(formState(conditions, { role: 'engineer' }).hidden).to.deep.equal(['budget']);
  });

  it('requires budget while it is shown', () => {
    const { conditions } = contactUs().view;
    expect(formState(conditions, { role: 'vp' }).required).to.deep.equal(['budget']);
    expect(formState(conditions, { role: 'other' }).required).to.deep.equal([]);
  });

  it('hides a field whose condition reads a field that is itself hidden', () => {
    const conditions = {
      b: { visibleWhen: { '==': [{ var: 'a' }, 'yes'] } },
      c: { visibleWhen: { '==': [{ var: 'b' }, 'shown'] } },
    };
    expect(formState(conditions, { a: 'no', b: 'shown' })).to.deep.include({ visible: [], hidden: ['b', 'c'] });
    expect(formState(conditions, { a: 'yes', b: 'shown' }).visible).to.deep.equal(['b', 'c']);
  });

  it('gives the same state for the conditions as served (raw JSON) and as compiled on the server', () => {
    const form = contactUs();
    const served = JSON.parse(JSON.stringify(form.view.conditions));
    for (const role of ['ceo', 'cto', 'vp', 'director', 'engineer', undefined]) {
      expect(formState(served, { role })).to.deep.equal(formState(form.conditions, { role }));
    }
  });

  it('compiles the form to a JSON Schema draft-07 of the answer fields that ajv accepts once localised', () => {
    const { schema } = contactUs().view;
    const localised = JSON.parse(JSON.stringify(schema), (_k, v) =>
      v && typeof v === 'object' && typeof v.en === 'string' ? v.en : v,
    );
    const ajv = new Ajv({ strict: true, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(localised);
    expect(validate({ name: 'A', email: 'a@b.co', company_name: 'Acme', role: 'ceo' })).to.equal(true);
    expect(validate({ email: 'a@b.co', company_name: 'Acme', role: 'chief' })).to.equal(false);
  });

  it('lists the steps in order, with field order, help, placeholder and widgets in the uiSchema', () => {
    const { steps, uiSchema } = contactUs().view;
    expect(steps.map((s) => s.id)).to.deep.equal(['about-you', 'company', 'message']);
    expect(uiSchema['ui:order']).to.deep.equal([
      'name',
      'email',
      'phone',
      'company_name',
      'role',
      'budget',
      'employees',
      'industry',
      'notes',
      'utm_source',
      'utm_campaign',
    ]);
    expect(uiSchema['notes']).to.deep.include({ 'ui:widget': 'textarea' });
    expect(uiSchema['role']).to.deep.include({ 'ui:widget': 'select' });
    expect(uiSchema['utm_source']).to.deep.include({ 'ui:widget': 'hidden' });
    expect(uiSchema['phone']).to.deep.include({ 'ui:help': { 'zh-CN': '手机或座机均可', en: 'Mobile or landline' } });
  });

  it('names hidden fields with where they come from, consent with its version, and a honeypot name no field has', () => {
    const view = compileForm(app, 'event-signin')!.view;
    expect(view.hidden).to.deep.equal([
      { field: 'utm_source', from: 'utm_source' },
      { field: 'utm_campaign', from: 'param:event' },
    ]);
    const contact = contactUs().view;
    expect(contact.consent).to.deep.include({ field: 'consent', version: '2024-06', required: true });
    expect(app.objects['lead']!.fieldNames).not.to.include(contact.honeypotField);
  });

  it('drops the answer of a field hidden by its condition instead of storing it', () => {
    const result = contactUs().validateAnswers(
      { name: 'A', email: 'a@b.co', company_name: 'Acme', role: 'engineer', budget: 5000 },
      'en',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.data).not.to.have.property('budget');
  });

  it('words problems in the form locale, Chinese by default for the sample', () => {
    const result = contactUs().validateAnswers({ email: 'nope', company_name: 'Acme', role: 'ceo' }, 'zh-CN');
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.problems).to.deep.include({ path: '/answers/email', message: '请输入有效的邮箱地址' });
    expect(result.problems).to.deep.include({ path: '/answers/budget', message: '此项为必填项' });
  });

  it('keeps engine/src/forms importable in a browser: no node built-in anywhere in its imports', async () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const seen = new Set<string>();
    const offenders: string[] = [];
    const visit = async (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = await readFile(file, 'utf8');
      // type-only imports are erased before the code runs
      for (const match of text.matchAll(/(?:^|\n)\s*(import|export)(\s+type\b)?[^'"]*?from\s+'([^']+)'/g)) {
        if (match[2]) continue;
        const spec = match[3]!;
        if (builtins.has(spec) || spec.startsWith('node:')) offenders.push(`${path.relative(ROOT, file)} → ${spec}`);
        else if (spec.startsWith('.')) await visit(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
      }
    };
    await visit(path.join(ROOT, 'engine/src/forms/index.ts'));
    expect(seen.size).to.be.greaterThan(5);
    expect(offenders).to.deep.equal([]);
  });

  it('is exported to the browser as @leadforge/engine/forms', async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'engine/package.json'), 'utf8'));
    expect(pkg.exports['./forms']).to.equal('./src/forms/index.ts');
    const mod = await import('@leadforge/engine/forms');
    const form = compileForm(app, 'contact-us')!;
    expect(mod.formState(form.view.conditions, { role: 'ceo' })).to.deep.equal(
      formState(form.view.conditions, { role: 'ceo' }),
    );
  });
});
