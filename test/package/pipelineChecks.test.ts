import { formatProblem, validatePackage } from '@leadforge/engine';
import { expect } from 'chai';
import { aFullPackage, aLeadObject, aPipeline } from './packageBuilders.js';

function problemsWith(files: Record<string, unknown>): string[] {
  return validatePackage(aFullPackage(files)).map(formatProblem);
}

const STAGES = [
  { id: 'new' },
  { id: 'proposal', requiredFields: ['email'] },
  { id: 'won', outcome: 'won' },
  { id: 'lost', outcome: 'lost' },
];

describe('package validator: pipelines (issue 6)', () => {
  it('accepts labelled entry and exit criteria, skip/back rules, allowed moves and lost reasons', () => {
    const pipeline = aPipeline({
      allowSkip: true,
      allowBack: false,
      allowReopen: true,
      lostReasons: [{ id: 'no_budget', label: { en: 'No budget' } }],
      stages: [
        { id: 'new', to: ['proposal', 'lost'] },
        {
          id: 'proposal',
          entryCriteria: [{ id: 'has-email', label: { en: 'Has an email' }, when: { '!!': { var: 'email' } } }],
          exitCriteria: [{ id: 'named', when: { '!!': { var: 'name' } } }],
          approval: { ownerManager: true },
        },
        { id: 'won', outcome: 'won' },
        { id: 'lost', outcome: 'lost' },
      ],
    });
    expect(problemsWith({ 'pipelines/sales.json': pipeline })).to.deep.equal([]);
  });

  it('refuses a criterion reading an unknown field, with the file and pointer', () => {
    const pipeline = aPipeline({
      stages: [
        { id: 'new', entryCriteria: [{ id: 'rich', when: { '>': [{ var: 'budgett' }, 0] } }] },
        ...STAGES.slice(1),
      ],
    });
    expect(problemsWith({ 'pipelines/sales.json': pipeline })).to.deep.equal([
      'pipelines/sales.json: /stages/0/entryCriteria/0/when/>/0/var: unknown field "budgett" on object "lead"',
    ]);
  });

  it('refuses an allowed move to a stage the pipeline does not have', () => {
    const pipeline = aPipeline({ stages: [{ id: 'new', to: ['proposl'] }, ...STAGES.slice(1)] });
    expect(problemsWith({ 'pipelines/sales.json': pipeline })).to.deep.equal([
      'pipelines/sales.json: /stages/0/to/0: unknown stage "proposl" in pipeline "sales" (did you mean "proposal"?)',
    ]);
  });

  it('refuses an approval that names nobody to decide', () => {
    const pipeline = aPipeline({ stages: [{ id: 'new' }, { id: 'proposal', approval: { ownerManager: false } }] });
    expect(problemsWith({ 'pipelines/sales.json': pipeline })).to.deep.equal([
      'pipelines/sales.json: /stages/1/approval: an approval needs a "role" or "ownerManager": true to say who decides',
    ]);
  });

  it('refuses an approval by an unknown role', () => {
    const pipeline = aPipeline({ stages: [{ id: 'new' }, { id: 'proposal', approval: { role: 'sales-boss' } }] });
    expect(problemsWith({ 'pipelines/sales.json': pipeline })[0]).to.match(
      /^pipelines\/sales.json: \/stages\/1\/approval\/role: unknown role "sales-boss"/,
    );
  });

  it('refuses lost reasons in a pipeline without a lost stage, and a reason given twice', () => {
    const pipeline = aPipeline({
      stages: [{ id: 'new' }, { id: 'won', outcome: 'won' }],
      lostReasons: [{ id: 'x' }, { id: 'x' }],
    });
    expect(problemsWith({ 'pipelines/sales.json': pipeline })).to.deep.equal([
      'pipelines/sales.json: /lostReasons: no stage of pipeline "sales" has outcome "lost"',
      'pipelines/sales.json: /lostReasons/1/id: reason "x" is defined twice (first at /lostReasons/0/id)',
    ]);
  });

  it('refuses an object without the stage field, pointing at the object', () => {
    const lead = aLeadObject();
    const fields = (lead['fields'] as { name: string }[]).filter((f) => f.name !== 'stage');
    const problems = problemsWith({ 'objects/lead.json': { ...lead, fields } });
    expect(problems).to.include(
      'pipelines/sales.json: /object: object "lead" has no "stage" field; add one or name the stage field with "field"',
    );
  });

  it('refuses a second pipeline on the same stage field', () => {
    const problems = problemsWith({ 'pipelines/zz-other.json': aPipeline({ id: 'zz-other' }) });
    expect(problems).to.deep.equal([
      'pipelines/zz-other.json: /object: field "stage" of object "lead" already holds the stages of pipelines/sales.json; name another select field with "field"',
    ]);
  });

  it('refuses an unknown property on a stage (a typo of a rule name)', () => {
    const pipeline = aPipeline({ stages: [{ id: 'new', entryCriterias: [] }, ...STAGES.slice(1)] });
    expect(problemsWith({ 'pipelines/sales.json': pipeline }).join('\n')).to.include('/stages/0');
  });
});
