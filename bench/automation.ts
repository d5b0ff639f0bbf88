// Automation overhead on captured leads, on PostgreSQL (a fresh database), in one run:
//   A = public form submissions per second over HTTP on loopback (concurrency 16) with the sample
//       app published WITHOUT automations (its own automations removed): capture alone. The inbox
//       rows the capture writes are cleared afterwards, untimed.
//   B = the same number of submissions with 200 automations published, timed from the first
//       submission until the job worker has drained everything they caused: the dispatcher
//       (`automation.dispatch`: claim inbox rows, trigger matching through the compiled index,
//       condition evaluation, run + step-job planning) and every `automation.step` job
//       (set-field / add-to-list actions run and logged).
//   ratio = rate(B) / rate(A), rate = submissions / elapsed seconds; median of ROUNDS alternating
//   rounds after a warm-up of each. Goal ≥ 0.5. Last line: `automation ratio=<n>`.
// The 200 automations: 150 that never match a capture (other events, other forms, updates of
// other fields, stage entries), 40 `record.created` ones whose JSON Logic conditions are evaluated
// and fail, 10 that match some leads (conditions on industry / email; set-field or add-to-list).
import type { AppPackage } from '@leadforge/engine';
import { publishPackage } from '../runtime/src/apps/publish.js';
import { DEFAULT_TENANT, templateFolder } from '../runtime/src/boot.js';
import { signRenderToken } from '../runtime/src/capture/renderToken.js';
import { jobHandlersForContext } from '../runtime/src/jobs/jobHandlers.js';
import { createJobWorker } from '../runtime/src/jobs/jobWorker.js';
import { readPackageFolder } from '../runtime/src/package/index.js';
import { startHttpServer } from '../runtime/src/server/startHttpServer.js';
import { BENCH_INDUSTRIES, post, submission } from './support/formSubmission.js';
import { bootBenchRuntime } from './support/benchRuntime.js';
import { freshDatabase, timed } from './support/postgres.js';

const COUNT = Number(process.env['BENCH_AUTOMATION'] ?? 1500);
const CONCURRENCY = 16;
const ROUNDS = 3;
const FORM = 'whitepaper-download';

/** 200 automations on leads: 150 never matching a capture, 40 failing their conditions, 10 matching some. */
export function benchAutomations(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const stages = ['first_contact', 'needs_assessment', 'proposal', 'negotiation', 'won', 'lost'];
  const list = (i: number) => ({ type: 'add-to-list', list: `bench-${i}` });
  for (let i = 0; i < 150; i++) {
    const trigger =
      i % 5 === 0
        ? { type: 'event', event: `bench.never-${i}` }
        : i % 5 === 1
          ? { type: 'form.submitted', form: 'contact-us' }
          : i % 5 === 2
            ? { type: 'record.updated', fields: ['budget'] }
            : i % 5 === 3
              ? { type: 'stage.entered', stage: stages[i % stages.length] }
              : { type: 'event.after', event: `bench.later-${i}`, delay: 'PT1H' };
    out.push({ id: `bench-idle-${i}`, object: 'lead', trigger, actions: [list(i)] });
  }
  for (let i = 0; i < 40; i++)
    out.push({
      id: `bench-false-${i}`,
      object: 'lead',
      trigger: { type: 'record.created' },
      conditions: { and: [{ '==': [{ var: 'industry' }, 'education'] }, { '>': [{ var: 'employees' }, i * 10] }] },
      actions: [list(1000 + i)],
    });
  for (let i = 0; i < 10; i++)
    out.push({
      id: `bench-match-${i}`,
      object: 'lead',
      trigger: i % 2 === 0 ? { type: 'record.created' } : { type: 'form.submitted', form: FORM },
      conditions: {
        and: [{ '==': [{ var: 'industry' }, BENCH_INDUSTRIES[i % 3]] }, { '!=': [{ var: 'email' }, null] }],
      },
      actions: [i % 2 === 0 ? { type: 'set-field', field: 'notes', value: `bench ${i}` } : list(2000 + i)],
    });
  return out;
}

export async function run(): Promise<void> {
  const db = await freshDatabase('automation');
  const booted = await bootBenchRuntime(db.url, 'automation', {
    capturePerIpPerMinute: 10_000_000,
    captureTenantPerMinute: 10_000_000,
  });
  const { ctx } = booted;
  const { server, url } = await startHttpServer(ctx, 0, '127.0.0.1', { log: console.error });
  try {
    const { pkg } = await readPackageFolder(templateFolder('b2b-saas'));
    const bare: Record<string, unknown> = {};
    for (const [file, value] of Object.entries(pkg.files)) if (!file.startsWith('automations/')) bare[file] = value;
    const withAutomations: Record<string, unknown> = { ...bare };
    for (const a of benchAutomations()) withAutomations[`automations/${String(a['id'])}.json`] = a;
    const publish = async (files: Record<string, unknown>, note: string) => {
      const published = await publishPackage(ctx, DEFAULT_TENANT, { files } as AppPackage, { actorId: null, note });
      if (!published) throw new Error('publish failed');
      return ctx.apps.current(DEFAULT_TENANT);
    };
    const endpoint = `${url}/api/v1/public/forms/${FORM}/submissions?tenant=default`;
    const worker = createJobWorker({ db: ctx.db, clock: ctx.clock, handlers: jobHandlersForContext(ctx) });
    let offset = 0;
    const split: string[] = [];
    const submitAll = async (version: number) => {
      const token = await signRenderToken(ctx, DEFAULT_TENANT, FORM, version, new Date(Date.now() - 60_000));
      const base = offset;
      offset += COUNT;
      return timed(COUNT, CONCURRENCY, (i) => post(endpoint, submission(base + i, token)));
    };
    /** A: capture alone; the inbox it filled is cleared untimed. */
    const captureAlone = async () => {
      const app = await publish(bare, 'bench: no automations');
      const ms = await submitAll(app!.version);
      await ctx.db.query("DELETE FROM automation_inbox; DELETE FROM jobs WHERE kind LIKE 'automation.%'");
      await worker.drain();
      return (COUNT / ms) * 1000;
    };
    /** B: capture with 200 automations, until the dispatcher and every step job are done. */
    const withEngine = async () => {
      const app = await publish(withAutomations, 'bench: 200 automations');
      const started = performance.now();
      await submitAll(app!.version);
      const captured = performance.now();
      await worker.drain();
      const ms = performance.now() - started;
      split.push(`${(captured - started).toFixed(0)}+${(ms - (captured - started)).toFixed(0)}ms`);
      const { rows } = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM automation_inbox');
      if (Number(rows[0]!.n) !== 0) throw new Error(`${rows[0]!.n} inbox rows left after the drain`);
      return (COUNT / ms) * 1000;
    };
    await captureAlone(); // warm-up
    await withEngine();
    await ctx.db.query(
      'ANALYZE records; ANALYZE record_history; ANALYZE events; ANALYZE automation_runs; ANALYZE jobs',
    );
    const aRates: number[] = [];
    const bRates: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      aRates.push(await captureAlone());
      bRates.push(await withEngine());
    }
    const { rows } = await ctx.db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM automation_runs GROUP BY 1 ORDER BY 1',
    );
    const runs = rows.map((r) => `${r.status} ${r.n}`).join(', ');
    const expectedRuns = (ROUNDS + 1) * COUNT * (10 / 3);
    const done = Number(rows.find((r) => r.status === 'done')?.n ?? 0);
    if (done < expectedRuns * 0.99) throw new Error(`only ${done} runs done, expected about ${expectedRuns}`);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const a = median(aRates);
    const b = median(bRates);
    console.log(`automation: ${COUNT} submissions × ${ROUNDS} rounds, concurrency ${CONCURRENCY}, 200 automations`);
    console.log(`automation: runs logged: ${runs}`);
    console.log(
      `automation: capture alone ${a.toFixed(0)}/s; capture + dispatch + steps ${b.toFixed(0)}/s (rounds A ${aRates.map((x) => x.toFixed(0)).join('/')}, B ${bRates.map((x) => x.toFixed(0)).join('/')})`,
    );
    console.log(`automation: B capture+drain per round ${split.join(', ')}`);
    console.log(`automation ratio=${(b / a).toFixed(3)}`);
  } finally {
    server.closeAllConnections();
    server.close();
    await booted.close();
    await db.drop();
  }
}
