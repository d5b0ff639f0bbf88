import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileApp, formatProblem, validatePackage } from '@leadforge/engine';
import { expect } from 'chai';
import { readPackageFolder } from '../../runtime/src/package/readPackageFolder.js';

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../samples/b2b-saas');

describe('sample: b2b-saas', () => {
  it('validates with no problems', async () => {
    const { pkg, problems } = await readPackageFolder(SAMPLE);
    expect(problems).to.deep.equal([]);
    expect(validatePackage(pkg).map(formatProblem)).to.deep.equal([]);
  });

  it('compiles into the six objects and four roles, Chinese first, for China', async () => {
    const { pkg } = await readPackageFolder(SAMPLE);
    const compiled = compileApp(pkg);
    if (!compiled.ok) throw new Error(compiled.problems.map(formatProblem).join('\n'));
    const { app } = compiled;
    expect(app.id).to.equal('b2b-saas');
    expect(app.defaultLocale).to.equal('zh-CN');
    expect(app.defaultCountry).to.equal('CN');
    expect(Object.keys(app.objects).sort()).to.deep.equal([
      'channel_cost',
      'company',
      'contact',
      'goal',
      'lead',
      'opportunity',
    ]);
    expect(Object.keys(app.roles)).to.deep.equal(['admin', 'ops', 'manager', 'rep']);
    expect(app.roles['rep']!.objects['lead']).to.deep.include({
      delete: false,
      scope: 'own',
      fields: { budget: 'read' },
    });
    expect(app.objects['lead']!.fields['score']).to.include({ readonly: true, type: 'number' });
  });

  it('labels every object, field and option in Chinese and English', async () => {
    const { pkg } = await readPackageFolder(SAMPLE);
    const labels: unknown[] = [];
    for (const [file, value] of Object.entries(pkg.files)) {
      if (!file.startsWith('objects/')) continue;
      const object = value as { label: unknown; fields: { label: unknown; options?: { label: unknown }[] }[] };
      labels.push(object.label, ...object.fields.map((f) => f.label));
      for (const f of object.fields) labels.push(...(f.options ?? []).map((o) => o.label));
    }
    for (const label of labels) expect(label).to.have.all.keys('zh-CN', 'en');
  });
});
