import { expect } from 'chai';
import { publishPackage } from '../../runtime/src/apps/publish.js';
import { readPackageFolder } from '../../runtime/src/package/index.js';
import { rescoreRecord } from '../../runtime/src/scoring/rescoreRecords.js';
import { drainScoringRuns, listScoringRuns } from '../../runtime/src/scoring/scoringRuns.js';
import { type ScoringRuntime, startScoringRuntime } from './support.js';

const SAMPLE = new URL('../../samples/b2b-saas', import.meta.url).pathname;

/** The sample package with the fit model's decision-maker rule worth `points`. */
async function sampleWithDecisionMaker(points: number) {
  const { pkg } = await readPackageFolder(SAMPLE);
  const fit = structuredClone(pkg.files['scoring/fit.json']) as any;
  fit.rules.find((r: any) => r.id === 'decision-maker').points = points;
  return { files: { ...pkg.files, 'scoring/fit.json': fit } };
}

describe('scoring runtime: bulk rescoring runs', function () {
  this.timeout(120_000);
  let s: ScoringRuntime;
  const leads: string[] = [];
  const publish = async (points: number) =>
    publishPackage(s.rt.ctx, 'default', await sampleWithDecisionMaker(points), { actorId: null });
  const fitScores = async () => {
    const { rows } = await s.rt.ctx.db.query<any>(
      `SELECT record_id, score FROM record_scores WHERE model = 'fit' AND record_id = ANY($1::uuid[]) ORDER BY record_id`,
      [leads],
    );
    return rows.map((r) => [r.record_id, r.score]);
  };
  before(async () => {
    s = await startScoringRuntime();
    for (let i = 0; i < 25; i += 1) leads.push(await s.aLead({ role: i % 2 === 0 ? 'ceo' : 'engineer' }));
    await drainScoringRuns(s.rt.ctx, 'default');
    // the install made runs before these leads existed: score them once, as a publish would
    await publish(10);
    await drainScoringRuns(s.rt.ctx, 'default');
  });
  after(async () => s?.close());

  it('starts one run per changed model when a publish changes a model, none for an unchanged one', async () => {
    const before = (await listScoringRuns(s.rt.ctx, 'default')).length;
    await publish(20);
    const runs = await listScoringRuns(s.rt.ctx, 'default');
    expect(runs.length - before).to.equal(1);
    expect(runs[0]).to.include({ model: 'fit', status: 'running', processed: 0 });
    expect(runs[0]!.total).to.be.at.least(25);
    await drainScoringRuns(s.rt.ctx, 'default');
  });

  it('recomputes every record with the new model version: a clean reset, not points added to old ones', async () => {
    await publish(30);
    await drainScoringRuns(s.rt.ctx, 'default');
    const scores = new Map((await fitScores()).map(([id, score]) => [id, score]));
    expect(scores.get(leads[0])).to.equal(30);
    expect(scores.get(leads[1])).to.equal(0);
  });

  it('records the run and model version as the cause of each change', async () => {
    await publish(40);
    const [run] = await listScoringRuns(s.rt.ctx, 'default');
    await drainScoringRuns(s.rt.ctx, 'default');
    const history = await s.history(leads[0]!, 'fit');
    expect(history.at(-1).cause).to.deep.equal({
      run: run!.id,
      model: 'fit',
      appVersion: run!.appVersion,
      modelHash: run!.modelHash,
    });
  });

  it('resumes after a crash from the persisted cursor and ends with every record on the new model', async () => {
    await publish(60);
    await drainScoringRuns(s.rt.ctx, 'default', { batchSize: 5, maxBatches: 2 });
    const mid = (await listScoringRuns(s.rt.ctx, 'default'))[0]!;
    expect(mid.status).to.equal('running');
    expect(mid.processed).to.be.within(1, 10);
    // a new worker (after the crash) takes over from the cursor
    await drainScoringRuns(s.rt.ctx, 'default', { batchSize: 5 });
    const done = (await listScoringRuns(s.rt.ctx, 'default'))[0]!;
    expect(done).to.include({ status: 'done', processed: done.total });
    const scores = new Map((await fitScores()).map(([id, score]) => [id, score]));
    expect(leads.map((id, i) => scores.get(id) === (i % 2 === 0 ? 60 : 0)).every(Boolean)).to.equal(true);
  });

  it('gives the same scores for the same data and model version, however often it runs', async () => {
    await publish(55);
    await drainScoringRuns(s.rt.ctx, 'default', { batchSize: 4 });
    const first = await fitScores();
    await publish(65);
    await drainScoringRuns(s.rt.ctx, 'default', { batchSize: 9 });
    await publish(55);
    await drainScoringRuns(s.rt.ctx, 'default', { batchSize: 3 });
    expect(await fitScores()).to.deep.equal(first);
  });

  it('supersedes a running run when a newer publish changes the model again', async () => {
    await publish(70);
    await drainScoringRuns(s.rt.ctx, 'default', { batchSize: 5, maxBatches: 1 });
    await publish(80);
    const [newest, older] = await listScoringRuns(s.rt.ctx, 'default');
    expect(older).to.include({ status: 'superseded' });
    expect(newest).to.include({ status: 'running' });
    await drainScoringRuns(s.rt.ctx, 'default');
  });

  it('finishes a run with processed = total and marks it done', async () => {
    await publish(90);
    await drainScoringRuns(s.rt.ctx, 'default', { batchSize: 7 });
    const [run] = await listScoringRuns(s.rt.ctx, 'default');
    expect(run).to.include({ status: 'done' });
    expect(run!.processed).to.equal(run!.total);
    expect(run!.finishedAt).to.be.a('string');
  });

  it('scores a record captured mid-run with the new model, whichever side of the cursor it lands on', async () => {
    await publish(100);
    await drainScoringRuns(s.rt.ctx, 'default', { batchSize: 5, maxBatches: 1 });
    const id = await s.aLead({ role: 'ceo' });
    leads.push(id);
    const published = await s.published();
    await s.rt.ctx.db.transaction((tx) => rescoreRecord(tx, published, 'default', id, s.clock.now()));
    await drainScoringRuns(s.rt.ctx, 'default', { batchSize: 5 });
    const scores = new Map((await fitScores()).map(([rid, score]) => [rid, score]));
    expect(scores.get(id)).to.equal(100);
  });

  it('serves the runs with their progress to admins on GET /api/v1/scoring/runs', async () => {
    const r = await s.rt.admin.get('/api/v1/scoring/runs');
    expect(r.status).to.equal(200);
    expect(r.body.runs[0]).to.include.keys('model', 'status', 'total', 'processed', 'changed', 'appVersion');
  });
});
