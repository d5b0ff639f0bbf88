import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFINITION_SCHEMAS,
  type DefinitionKind,
  definitionKindOf,
  formatProblem,
  publishedSchemaFiles,
  validatePackage,
} from '@leadforge/engine';
import {
  aDashboard,
  aForm,
  aFullPackage,
  aLeadObject,
  aNurture,
  anApp,
  anAutomation,
  aPipeline,
  aReport,
  aRouting,
  aScoringModel,
} from './packageBuilders.js';

const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../engine/schemas');

/** For each kind: a file of that kind in the full package and a nested object of it to poison. */
const UNKNOWN_PROPERTY_CASES: Record<
  DefinitionKind,
  { file: string; value: () => Record<string, unknown>; nested: string }
> = {
  app: { file: 'app.json', value: () => anApp(), nested: '' },
  object: { file: 'objects/lead.json', value: () => aLeadObject(), nested: '/fields/0' },
  form: { file: 'forms/contact-us.json', value: () => aForm(), nested: '/fields/1' },
  pipeline: { file: 'pipelines/sales.json', value: () => aPipeline(), nested: '/stages/1' },
  scoring: { file: 'scoring/b2b.json', value: () => aScoringModel(), nested: '/rules/0' },
  routing: { file: 'routing/inbound.json', value: () => aRouting(), nested: '/rules/0/strategy' },
  automation: { file: 'automations/welcome.json', value: () => anAutomation(), nested: '/actions/1' },
  nurture: { file: 'nurture/onboarding.json', value: () => aNurture(), nested: '/steps/0' },
  report: { file: 'reports/by-industry.json', value: () => aReport(), nested: '/measures/1' },
  dashboard: { file: 'dashboards/overview.json', value: () => aDashboard(), nested: '/widgets/0' },
  roles: {
    file: 'roles.json',
    value: () => aFullPackage().files['roles.json'] as Record<string, unknown>,
    nested: '/roles/0',
  },
};

function at(root: Record<string, unknown>, pointer: string): Record<string, unknown> {
  return pointer
    .split('/')
    .slice(1)
    .reduce<Record<string, unknown>>((v, key) => v[key] as Record<string, unknown>, root);
}

describe('package schemas', () => {
  for (const [kind, c] of Object.entries(UNKNOWN_PROPERTY_CASES)) {
    it(`${kind}: refuses an unknown property at the top of the file`, () => {
      const problems = validatePackage(aFullPackage({ [c.file]: { ...c.value(), colour: 'red' } }));
      expect(problems.map(formatProblem)).to.deep.equal([`${c.file}: /colour: unknown property "colour"`]);
    });

    if (c.nested !== '') {
      it(`${kind}: refuses an unknown property inside the file (${c.nested})`, () => {
        const value = structuredClone(c.value());
        at(value, c.nested)['colour'] = 'red';
        const problems = validatePackage(aFullPackage({ [c.file]: value }));
        expect(problems.map(formatProblem)).to.deep.equal([`${c.file}: ${c.nested}/colour: unknown property "colour"`]);
      });
    }

    it(`${kind}: accepts a "$schema" property at the top of the file`, () => {
      const value = { $schema: `https://leadforge.dev/schemas/${kind}.schema.json`, ...c.value() };
      expect(validatePackage(aFullPackage({ [c.file]: value }))).to.deep.equal([]);
    });
  }

  it('gives every schema its published $id and draft-07', () => {
    for (const [kind, schema] of Object.entries(DEFINITION_SCHEMAS)) {
      expect(schema.$id).to.equal(`https://leadforge.dev/schemas/${kind}.schema.json`);
      expect(schema.$schema).to.equal('http://json-schema.org/draft-07/schema#');
    }
  });

  it('keeps engine/schemas/*.schema.json equal to the schemas the engine validates with', async () => {
    const generated = publishedSchemaFiles();
    expect(Object.keys(generated).sort()).to.have.length(11);
    for (const [name, text] of Object.entries(generated)) {
      const committed = await readFile(path.join(SCHEMA_DIR, name), 'utf8').catch(() => 'missing');
      expect(committed, `${name}: run node --import tsx runtime/src/package/writeSchemaFiles.ts`).to.not.equal(
        'missing',
      );
      expect(JSON.parse(committed), name).to.deep.equal(JSON.parse(text));
    }
  });

  it('tells the kind of a file from its path', () => {
    expect(definitionKindOf('app.json')).to.equal('app');
    expect(definitionKindOf('roles.json')).to.equal('roles');
    expect(definitionKindOf('objects/lead.json')).to.equal('object');
    expect(definitionKindOf('automations/welcome.json')).to.equal('automation');
    expect(definitionKindOf('nurture/onboarding.json')).to.equal('nurture');
    expect(definitionKindOf('objects/sub/lead.json')).to.equal(undefined);
    expect(definitionKindOf('widgets/a.json')).to.equal(undefined);
    expect(definitionKindOf('lead.json')).to.equal(undefined);
  });
});
