import type { AppPackage } from '@leadforge/engine';
import { expect } from 'chai';
import { publishPackage } from '../../runtime/src/apps/publish.js';
import { DEFAULT_TENANT, templateFolder } from '../../runtime/src/boot.js';
import { readPackageFolder } from '../../runtime/src/package/index.js';
import { manualClock } from '../support/manualClock.js';
import { aLead } from '../support/personas.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';
import { aWorker } from './support.js';

const industryIs = (industry: string) => ({ '==': [{ var: 'industry' }, industry] });

/** Runs of field writes and list adds are carried out set-wise per dispatch batch (docs/automation.md). */
const AUTOMATIONS: Record<string, unknown>[] = [
  {
    id: 'a-list-saas',
    object: 'lead',
    trigger: { type: 'record.created' },
    conditions: industryIs('saas'),
    actions: [{ type: 'add-to-list', list: 'saas' }],
  },
  {
    id: 'b-note-saas',
    object: 'lead',
    trigger: { type: 'record.created' },
    conditions: industryIs('saas'),
    actions: [
      { type: 'set-field', field: 'notes', value: 'saas lead' },
      { type: 'add-to-list', list: 'saas' },
    ],
  },
  {
    id: 'c-title-saas',
    object: 'lead',
    trigger: { type: 'record.created' },
    conditions: industryIs('saas'),
    actions: [
      { type: 'set-field', field: 'title', value: 'Buyer' },
      { type: 'compute-field', field: 'employees', rule: { '+': [{ var: 'employees' }, 1] } },
    ],
  },
  {
    id: 'd-bad-value',
    object: 'lead',
    trigger: { type: 'record.created' },
    conditions: industryIs('retail'),
    actions: [
      { type: 'set-field', field: 'employees', value: 'lots' },
      { type: 'add-to-list', list: 'never' },
    ],
  },
  {
    id: 'e-same-region',
    object: 'lead',
    trigger: { type: 'record.created' },
    conditions: industryIs('education'),
    actions: [{ type: 'set-field', field: 'region', value: 'east' }],
  },
  {
    id: 'f-task-manufacturing',
    object: 'lead',
    trigger: { type: 'record.created' },
    conditions: industryIs('manufacturing'),
    actions: [
      { type: 'set-field', field: 'notes', value: 'saas lead' },
      { type: 'create-task', title: { en: 'Call {{name}}' }, kind: 'call' },
    ],
  },
  {
    id: 'g-noted',
    object: 'lead',
    trigger: { type: 'record.updated', fields: ['notes'] },
    actions: [{ type: 'add-to-list', list: 'noted' }],
  },
];

interface Run {
  id: string;
  automation: string;
  status: string;
  depth: number;
  reason: string | null;
  next_step: number;
  cause: { depth: number; chain: string[]; runId?: string };
  condition: { evaluated: boolean; passed?: boolean };
  steps: { index: number; type: string; phase: string; status: string; result?: unknown; error?: string }[];
}

for (const driver of ['postgres', 'pglite'] as const)
  describe(`automation: set-wise runs in a dispatch batch (${driver})`, function () {
    this.timeout(120_000);
    const clock = manualClock();
    let rt: TestRuntime;

    before(async () => {
      rt = await startTestRuntime({ driver, clock });
      const { pkg } = await readPackageFolder(templateFolder('b2b-saas'));
      const files: Record<string, unknown> = {};
      for (const [file, value] of Object.entries(pkg.files)) if (!file.startsWith('automations/')) files[file] = value;
      for (const a of AUTOMATIONS) files[`automations/${String(a['id'])}.json`] = a;
      await publishPackage(rt.ctx, DEFAULT_TENANT, { files } as AppPackage, { actorId: null, note: 'set-wise' });
      // the rescoring runs the publish started, done before any test's record exists
      await aWorker(rt).drain();
    });
    after(async () => rt?.close());

    async function aRecord(overrides: Record<string, unknown>): Promise<string> {
      const session = await rt.signIn(rt.adminEmail, rt.adminPassword);
      const res = await session.post('/api/v1/records/lead', aLead(overrides));
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return res.body.id as string;
    }
    async function runsOn(id: string): Promise<Run[]> {
      const { rows } = await rt.ctx.db.query<Run>(
        `SELECT id::text AS id, automation, status, depth, reason, next_step, cause, condition, steps
           FROM automation_runs WHERE record_id = $1 ORDER BY depth, automation`,
        [id],
      );
      return rows;
    }
    async function record(id: string) {
      const { rows } = await rt.ctx.db.query<{ version: number; data: Record<string, unknown> }>(
        'SELECT version, data FROM records WHERE id = $1',
        [id],
      );
      return rows[0]!;
    }
    async function historyOf(id: string) {
      const { rows } = await rt.ctx.db.query<{ version: number; action: string; changes: Record<string, unknown> }>(
        'SELECT version, action, changes FROM record_history WHERE record_id = $1 ORDER BY version',
        [id],
      );
      return rows;
    }
    async function lists(id: string): Promise<string[]> {
      const { rows } = await rt.ctx.db.query<{ list_id: string }>(
        'SELECT list_id FROM list_members WHERE record_id = $1 ORDER BY list_id',
        [id],
      );
      return rows.map((r) => r.list_id);
    }

    it('creates the lists the automations add to when the package is published', async () => {
      const { rows } = await rt.ctx.db.query<{ id: string; object: string }>(
        `SELECT id, object FROM lists WHERE tenant_id = $1 AND id = ANY($2) ORDER BY id`,
        [DEFAULT_TENANT, ['never', 'noted', 'saas']],
      );
      expect(rows).to.deep.equal([
        { id: 'never', object: 'lead' },
        { id: 'noted', object: 'lead' },
        { id: 'saas', object: 'lead' },
      ]);
    });

    it('runs several automations on one record in order, one version and one history row per change, and logs each step', async () => {
      const id = await aRecord({ industry: 'saas', employees: 120 });
      await aWorker(rt).drain();
      const r = await record(id);
      expect(r.version).to.equal(4);
      expect(r.data).to.include({ notes: 'saas lead', title: 'Buyer', employees: 121 });
      const history = await historyOf(id);
      expect(history.map((h) => [h.version, h.action])).to.deep.equal([
        [1, 'create'],
        [2, 'update'],
        [3, 'update'],
        [4, 'update'],
      ]);
      expect(history[1]!.changes).to.deep.equal({ notes: { from: null, to: 'saas lead' } });
      expect(history[3]!.changes).to.deep.equal({ employees: { from: 120, to: 121 } });
      const runs = await runsOn(id);
      const byAutomation = new Map(runs.map((run) => [run.automation, run]));
      const list = byAutomation.get('a-list-saas')!;
      expect(list.status).to.equal('done');
      expect(list.condition).to.include({ evaluated: true, passed: true });
      expect(list.steps.map((s) => [s.type, s.status, s.result])).to.deep.equal([
        ['add-to-list', 'done', { list: 'saas', added: true }],
      ]);
      const note = byAutomation.get('b-note-saas')!;
      expect(note.status).to.equal('done');
      expect(note.next_step).to.equal(2);
      expect(note.steps.map((s) => [s.index, s.type, s.phase, s.status, s.result])).to.deep.equal([
        [0, 'set-field', 'filter', 'done', { set: { notes: 'saas lead' }, version: 2 }],
        [1, 'add-to-list', 'effect', 'done', { list: 'saas', added: false }],
      ]);
      expect(byAutomation.get('c-title-saas')!.steps.map((s) => s.result)).to.deep.equal([
        { set: { title: 'Buyer' }, version: 3 },
        { set: { employees: 121 }, version: 4 },
      ]);
      expect(await lists(id)).to.deep.equal(['noted', 'saas']);
    });

    it('gives the changes a run makes its cause: the run they start is one deeper and names it', async () => {
      const id = await aRecord({ industry: 'saas' });
      await aWorker(rt).drain();
      const runs = await runsOn(id);
      const note = runs.find((r) => r.automation === 'b-note-saas')!;
      const noted = runs.filter((r) => r.automation === 'g-noted');
      expect(noted).to.have.length(1);
      expect(noted[0]!.status).to.equal('done');
      expect(noted[0]!.depth).to.equal(2);
      expect(noted[0]!.cause).to.deep.equal({ depth: 1, chain: ['b-note-saas'], runId: note.id });
    });

    it('fails a run whose value does not fit the field, changes nothing of it, and logs why', async () => {
      const id = await aRecord({ industry: 'retail', employees: 40 });
      await aWorker(rt).drain();
      const [run] = await runsOn(id);
      expect(run!.automation).to.equal('d-bad-value');
      expect(run!.status).to.equal('failed');
      expect(run!.reason).to.equal('step 0 (set-field) failed');
      expect(run!.next_step).to.equal(0);
      expect(run!.steps).to.have.length(1);
      expect(run!.steps[0]!.status).to.equal('failed');
      expect(run!.steps[0]!.error).to.match(/^the value does not fit the field \(\/employees: /);
      const r = await record(id);
      expect(r.version).to.equal(1);
      expect(r.data['employees']).to.equal(40);
      expect(await lists(id)).to.deep.equal([]);
    });

    it('writes no version and no history for a value the record already holds', async () => {
      const id = await aRecord({ industry: 'education', region: 'east' });
      await aWorker(rt).drain();
      const [run] = await runsOn(id);
      expect(run!.status).to.equal('done');
      expect(run!.steps[0]!.result).to.deep.equal({ set: { region: 'east' }, version: 1 });
      expect((await record(id)).version).to.equal(1);
      expect((await historyOf(id)).map((h) => h.action)).to.deep.equal(['create']);
    });

    it('logs the same steps for a record whose runs go one by one (another action in the batch) as set-wise', async () => {
      const mixed = await aRecord({ industry: 'manufacturing' });
      const setWise = await aRecord({ industry: 'saas' });
      await aWorker(rt).drain();
      const task = (await runsOn(mixed)).find((r) => r.automation === 'f-task-manufacturing')!;
      const note = (await runsOn(setWise)).find((r) => r.automation === 'b-note-saas')!;
      expect(task.status).to.equal('done');
      expect(task.steps[0]).to.deep.include({ type: 'set-field', phase: 'filter', status: 'done' });
      expect(task.steps[0]!.result).to.deep.equal(note.steps[0]!.result);
      const noted = (await runsOn(mixed)).find((r) => r.automation === 'g-noted')!;
      expect(noted.cause).to.deep.equal({ depth: 1, chain: ['f-task-manufacturing'], runId: task.id });
    });

    it('completes every dispatch job of a burst and starts each run once, with two processes dispatching', async () => {
      const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => aRecord({ industry: 'saas', employees: i })));
      // a second runtime context on the same database: its own drain passes, as another process has
      const other = { ...rt, ctx: { ...rt.ctx } };
      await Promise.all([aWorker(rt).drain(), aWorker(other).drain(), aWorker(rt).drain(), aWorker(other).drain()]);
      const { rows } = await rt.ctx.db.query<{ automation: string; n: number; records: number }>(
        `SELECT automation, count(*)::int AS n, count(DISTINCT record_id)::int AS records FROM automation_runs
          WHERE record_id = ANY($1) GROUP BY 1 ORDER BY 1`,
        [ids],
      );
      expect(rows).to.deep.equal(
        ['a-list-saas', 'b-note-saas', 'c-title-saas', 'g-noted'].map((automation) => ({
          automation,
          n: 30,
          records: 30,
        })),
      );
      const left = await rt.ctx.db.query<{ jobs: number; inbox: number }>(
        `SELECT (SELECT count(*)::int FROM jobs WHERE kind = 'automation.dispatch') AS jobs,
           (SELECT count(*)::int FROM automation_inbox) AS inbox`,
      );
      expect(left.rows[0]).to.deep.equal({ jobs: 0, inbox: 0 });
    });
  });
