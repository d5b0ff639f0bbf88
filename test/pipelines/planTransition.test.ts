import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CompiledApp, compileApp, createOperatorRegistry, formatProblem } from '@leadforge/engine';
import { expect } from 'chai';
import type { PipelineDefinition } from '../../engine/src/package/schemas/index.js';
import {
  allowedTargets,
  type CompiledPipeline,
  compilePipeline,
  planTransition,
} from '../../engine/src/pipelines/index.js';
import { readPackageFolder } from '../../runtime/src/package/readPackageFolder.js';

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../samples/b2b-saas');
const NOW = new Date('2026-03-02T09:00:00Z');

let app: CompiledApp;
let sample: CompiledPipeline;

function pipelineOf(definition: Partial<PipelineDefinition>): CompiledPipeline {
  const base = app.files['pipelines/lead.json'] as PipelineDefinition;
  const result = compilePipeline({ ...base, ...definition } as PipelineDefinition, createOperatorRegistry());
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.pipeline;
}

const lead = (data: Record<string, unknown>) => ({ data, ruleData: data });

describe('pipelines: planTransition (pure)', () => {
  before(async () => {
    const { pkg } = await readPackageFolder(SAMPLE);
    const compiled = compileApp(pkg);
    if (!compiled.ok) throw new Error(compiled.problems.map(formatProblem).join('\n'));
    app = compiled.app;
    sample = pipelineOf({});
  });

  it('moves to the next stage and says what to write: the field, the stays, a stage.changed event', () => {
    const plan = planTransition(
      sample,
      app.objects['lead']!,
      lead({ stage: 'new', email: 'a@b.c' }),
      { to: 'first_contact' },
      NOW,
    );
    expect(plan).to.deep.include({ ok: true, kind: 'move', from: 'new', to: 'first_contact' });
    if (!plan.ok || plan.kind !== 'move') throw new Error('expected a move');
    expect(plan.effects.map((e) => e.type)).to.deep.equal(['set-field', 'close-stay', 'open-stay', 'event']);
    expect(plan.effects[3]).to.deep.include({
      event: 'stage.changed',
      data: { pipeline: 'lead', from: 'new', to: 'first_contact', reason: null, outcome: null },
    });
  });

  it('lists every missing required field and failed criterion of a move to Proposal at once', () => {
    const plan = planTransition(
      sample,
      app.objects['lead']!,
      lead({
        stage: 'needs_assessment',
        company_name: 'Acme',
        industry: 'saas',
        last_contacted_at: '2026-03-01T00:00:00Z',
      }),
      { to: 'proposal' },
      NOW,
    );
    expect(plan.ok).to.equal(false);
    if (plan.ok) return;
    expect(plan.details).to.deep.equal([
      { path: '/data/budget', message: 'Budget is required to enter "Proposal/Quote"' },
      { path: '/data/decision_maker', message: 'Decision maker is required to enter "Proposal/Quote"' },
      { path: '/stages/proposal/entryCriteria/budget-positive', message: 'The budget is above zero' },
    ]);
  });

  it('checks the exit criteria of the stage a forward move leaves, not of a move to lost', () => {
    const record = lead({
      stage: 'needs_assessment',
      company_name: 'Acme',
      industry: 'saas',
      budget: 5,
      decision_maker: 'Li',
    });
    const forward = planTransition(sample, app.objects['lead']!, record, { to: 'proposal' }, NOW);
    expect(forward.ok ? [] : forward.details).to.deep.equal([
      { path: '/stages/needs_assessment/exitCriteria/contacted', message: 'The last contact is recorded' },
    ]);
    const lost = planTransition(sample, app.objects['lead']!, record, { to: 'lost', reason: 'no_budget' }, NOW);
    expect(lost).to.deep.include({ ok: true, kind: 'move' });
  });

  it('asks for approval instead of moving into a stage with an approval, unless the move was approved', () => {
    const record = lead({
      stage: 'needs_assessment',
      company_name: 'Acme',
      industry: 'saas',
      budget: 5,
      decision_maker: 'Li',
      last_contacted_at: '2026-03-01T00:00:00Z',
    });
    expect(planTransition(sample, app.objects['lead']!, record, { to: 'proposal' }, NOW)).to.deep.equal({
      ok: true,
      kind: 'approval',
      from: 'needs_assessment',
      to: 'proposal',
      approval: { role: 'manager', ownerManager: true },
    });
    expect(
      planTransition(sample, app.objects['lead']!, record, { to: 'proposal', approved: true }, NOW),
    ).to.deep.include({
      kind: 'move',
    });
  });

  it('refuses a lost move without a reason, or with a reason not on the list', () => {
    const none = planTransition(sample, app.objects['lead']!, lead({ stage: 'new' }), { to: 'lost' }, NOW);
    expect(none.ok ? [] : none.details.map((d) => d.path)).to.deep.equal(['/reason']);
    const odd = planTransition(
      sample,
      app.objects['lead']!,
      lead({ stage: 'new' }),
      { to: 'lost', reason: 'aliens' },
      NOW,
    );
    expect(odd.ok ? '' : odd.details[0]!.message).to.match(/unknown lost reason "aliens"; one of no_budget/);
  });

  it('moves one stage at a time unless the pipeline allows skipping', () => {
    const record = lead({ stage: 'new', email: 'a@b.c', company_name: 'Acme', industry: 'saas' });
    const skip = planTransition(sample, app.objects['lead']!, record, { to: 'needs_assessment' }, NOW);
    expect(skip.ok ? '' : skip.message).to.match(/one stage at a time: from "New" the next stage is "First contact"/);
    const skipping = pipelineOf({ allowSkip: true });
    expect(planTransition(skipping, app.objects['lead']!, record, { to: 'needs_assessment' }, NOW)).to.deep.include({
      kind: 'move',
    });
  });

  it('a skipping move still needs the required fields of every stage it passes', () => {
    const skipping = pipelineOf({ allowSkip: true });
    const plan = planTransition(
      skipping,
      app.objects['lead']!,
      lead({ stage: 'new', email: 'a@b.c' }),
      { to: 'negotiation' },
      NOW,
    );
    expect(plan.ok ? [] : plan.details.map((d) => d.path)).to.deep.equal([
      '/data/company_name',
      '/data/industry',
      '/data/budget',
      '/data/decision_maker',
    ]);
  });

  it('moves back when allowed, never when allowBack is false, and never out of won without allowReopen', () => {
    const record = lead({ stage: 'needs_assessment' });
    expect(planTransition(sample, app.objects['lead']!, record, { to: 'new' }, NOW)).to.deep.include({ kind: 'move' });
    const noBack = planTransition(pipelineOf({ allowBack: false }), app.objects['lead']!, record, { to: 'new' }, NOW);
    expect(noBack.ok ? '' : noBack.message).to.match(/does not move records back/);
    const reopen = planTransition(sample, app.objects['lead']!, lead({ stage: 'won' }), { to: 'negotiation' }, NOW);
    expect(reopen.ok ? '' : reopen.message).to.match(/does not reopen won records/);
  });

  it("follows a stage's own list of allowed moves over the pipeline rules", () => {
    const stages = (app.files['pipelines/lead.json'] as PipelineDefinition).stages.map((s) =>
      s.id === 'new' ? { ...s, to: ['lost'] } : s,
    );
    const strict = pipelineOf({ stages });
    expect(allowedTargets(strict, 'new')).to.deep.equal(['lost']);
    expect(allowedTargets(sample, 'new')).to.deep.equal(['first_contact', 'lost']);
    expect(allowedTargets(sample, 'negotiation')).to.deep.equal([
      'new',
      'first_contact',
      'needs_assessment',
      'proposal',
      'won',
      'lost',
    ]);
  });
});
