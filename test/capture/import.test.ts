import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import {
  checkImportOrThrow,
  createImportRun,
  type ImportProgress,
  type ImportSubject,
  importsSettled,
  resumeStalledImports,
  runImport,
} from '../../runtime/src/capture/import/importService.js';
import { loadRun } from '../../runtime/src/capture/import/importStore.js';
import { rescoreRecords } from '../../runtime/src/scoring/rescoreRecords.js';
import { scoringOf } from '../../runtime/src/scoring/scoringModels.js';
import { runCli } from '../support/cliProcess.js';
import { call, type Reply } from '../support/http.js';
import { MINUTE, manualClock } from '../support/manualClock.js';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.js';
import { testTemplateFolder } from './support/captureApp.js';

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
const csv = (rows: readonly (readonly string[])[]) => `${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
const HEADER = ['Name', 'Email', 'Phone', 'Company name', 'Job title'];
const leadRows = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => [`${prefix} ${i}`, `${prefix}.${i}@Example.com`, '', `Co ${i % 7}`, 'CTO']);

const SYSTEM: ImportSubject = {
  tenantId: 'default',
  actorId: null,
  ownerId: null,
  teamId: null,
  unwritable: new Set(),
};

async function count(rt: TestRuntime, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await rt.ctx.db.query<{ n: number }>(sql, params);
  return Number(rows[0]!.n);
}

async function startImport(rt: TestRuntime, text: string, map: Record<string, string> = {}) {
  const checked = await checkImportOrThrow(rt.ctx, SYSTEM, { object: 'lead', map }, Buffer.from(text));
  return createImportRun(rt.ctx, SYSTEM, checked, 'leads.csv');
}

describe('CSV import', function () {
  this.timeout(180_000);

  for (const driver of ['pglite', 'postgres'] as const) {
    describe(`through the capture path on ${driver}`, () => {
      let rt: TestRuntime;
      let template: Awaited<ReturnType<typeof testTemplateFolder>>;
      const clock = manualClock(new Date('2026-03-02T09:00:00Z'));
      before(async () => {
        template = await testTemplateFolder();
        rt = await startTestRuntime({ driver, clock, template: template.dir });
      });
      after(async () => {
        await rt?.close();
        await template?.remove();
      });

      it('imports every row like any capture: normalised, deduped, attributed to the import channel, with history and events', async () => {
        const text = csv([
          HEADER,
          ['Ann Import', 'ANN.IMPORT@Example.com', '13800138001', 'Acme', 'CTO'],
          ['Bo Import', 'bo.import@example.com', '', '', ''],
          ['Ann again', 'ann.import@example.com', '', 'Acme', 'CEO'],
          ['No Email', 'not-an-email', '', '', ''],
        ]);
        const finished = await runImport(rt.ctx, await startImport(rt, text));
        expect(finished).to.include({ status: 'done', totalRows: 4, rowsDone: 4, created: 2, merged: 1, failed: 1 });
        expect(finished.errors).to.deep.equal([
          { row: 4, column: 'Email', field: 'email', message: finished.errors[0]!.message },
        ]);
        const { rows } = await rt.ctx.db.query<any>(
          "SELECT id, data, attribution FROM records WHERE object = 'lead' AND data->>'email' = 'ann.import@example.com'",
        );
        expect(rows).to.have.length(1);
        expect(rows[0].data).to.include({
          name: 'Ann Import',
          phone: '+8613800138001',
          source_channel: 'import',
          title: 'CEO',
        });
        expect(rows[0].attribution.firstTouch.channel).to.equal('import');
        expect(rows[0].attribution.touches).to.equal(2);
        const events = await rt.ctx.db.query<any>('SELECT type, data FROM events WHERE record_id = $1 ORDER BY seq', [
          rows[0].id,
        ]);
        expect(events.rows.map((e: any) => [e.type, e.data.outcome])).to.deep.equal([
          ['record.captured', 'created'],
          ['record.captured', 'merged'],
        ]);
        expect(
          await count(rt, "SELECT count(*)::int AS n FROM record_history WHERE record_id = $1 AND action = 'create'", [
            rows[0].id,
          ]),
        ).to.equal(1);
        // scored in the batch's transaction, like any capture (the sample's lead models)
        expect(
          await count(rt, 'SELECT count(*)::int AS n FROM record_scores WHERE record_id = $1', [rows[0].id]),
        ).to.be.greaterThan(0);
        // the file is dropped once the run is done
        expect(await count(rt, 'SELECT count(*)::int AS n FROM import_files')).to.equal(0);
      });

      it('creates no duplicates when the same file is imported again: every row merges', async () => {
        const text = csv([HEADER, ...leadRows('Again', 30)]);
        const first = await runImport(rt.ctx, await startImport(rt, text));
        const second = await runImport(rt.ctx, await startImport(rt, text));
        expect(first).to.include({ created: 30, merged: 0 });
        expect(second).to.include({ created: 0, merged: 30, failed: 0 });
        expect(await count(rt, "SELECT count(*)::int AS n FROM records WHERE data->>'name' LIKE 'Again %'")).to.equal(
          30,
        );
      });

      it('reports progress after each batch of 1,000 rows', async () => {
        const seen: ImportProgress[] = [];
        await runImport(rt.ctx, await startImport(rt, csv([HEADER, ...leadRows('Progress', 2100)])), {
          onProgress: (p) => seen.push(p),
        });
        expect(seen.map((p) => [p.rowsDone, p.totalRows, p.created])).to.deep.equal([
          [1000, 2100, 1000],
          [2000, 2100, 2000],
          [2100, 2100, 2100],
        ]);
      });

      it('scores each created lead in its batch exactly as a rescoring would, and announces every record and event to automations', async () => {
        const jobsBefore = await count(rt, "SELECT count(*)::int AS n FROM jobs WHERE kind = 'automation.dispatch'");
        const finished = await runImport(rt.ctx, await startImport(rt, csv([HEADER, ...leadRows('Scored', 1500)])));
        expect(finished).to.include({ status: 'done', created: 1500, failed: 0 });
        const { rows } = await rt.ctx.db.query<{ id: string; data: Record<string, unknown> }>(
          "SELECT id, data FROM records WHERE data->>'name' LIKE 'Scored %'",
        );
        const ids = rows.map((r) => r.id);
        const published = (await rt.ctx.apps.current('default'))!;
        const models = scoringOf(published.app).byObject('lead');
        expect(models.length).to.be.greaterThan(0);
        expect(
          await count(rt, 'SELECT count(*)::int AS n FROM record_scores WHERE record_id = ANY($1::uuid[])', [ids]),
        ).to.equal(ids.length * models.length);
        expect(
          await count(rt, 'SELECT count(*)::int AS n FROM score_history WHERE record_id = ANY($1::uuid[])', [ids]),
        ).to.equal(ids.length * models.length);
        const mirror = models.find((m) => m.mirror)?.mirror;
        if (mirror) for (const r of rows) expect(r.data).to.have.property(mirror.scoreField);
        // the first scores written with the records are what a rescoring computes: nothing changes
        const rescored = await rt.ctx.db.transaction((tx) =>
          rescoreRecords(tx, published, 'default', ids, clock.now(), { reason: 'rescore' }),
        );
        expect(rescored).to.include({ scored: 1500, changed: 0 });
        // one inbox row per create history row and per event, one dispatch job per batch transaction
        const events = await count(rt, 'SELECT count(*)::int AS n FROM events WHERE record_id = ANY($1::uuid[])', [
          ids,
        ]);
        expect(events).to.be.at.least(1500);
        const inbox = await rt.ctx.db.query<{ source: string; n: number }>(
          'SELECT source, count(*)::int AS n FROM automation_inbox WHERE record_id = ANY($1::uuid[]) GROUP BY source ORDER BY source',
          [ids],
        );
        expect(inbox.rows.map((r) => [r.source, Number(r.n)])).to.deep.equal([
          ['event', events],
          ['history', 1500],
        ]);
        expect(await count(rt, "SELECT count(*)::int AS n FROM jobs WHERE kind = 'automation.dispatch'")).to.equal(
          jobsBefore + 2,
        );
      });

      it('resumes a run stopped by a crash from its cursor once its lease runs out, writing every row once', async () => {
        const run = await startImport(rt, csv([HEADER, ...leadRows('Resume', 2500)]));
        const crashed = await runImport(rt.ctx, run, { stopAfterBatches: 1 });
        expect(crashed).to.include({ status: 'running', rowsDone: 1000, created: 1000 });
        // still leased by the "crashed" process: nobody takes it up yet
        expect(await resumeStalledImports(rt.ctx)).to.equal(0);
        const reading = await rt.admin.get(`/api/v1/imports/${run.id}`);
        expect(reading.body).to.include({ status: 'running', rowsDone: 1000, totalRows: 2500 });
        clock.advance(3 * MINUTE);
        // reading the progress of a run past its lease takes it up
        await rt.admin.get(`/api/v1/imports/${run.id}`);
        await importsSettled(rt.ctx);
        const done = await rt.admin.get(`/api/v1/imports/${run.id}`);
        expect(done.body).to.include({ status: 'done', rowsDone: 2500, created: 2500, merged: 0, failed: 0 });
        expect(await count(rt, "SELECT count(*)::int AS n FROM records WHERE data->>'name' LIKE 'Resume %'")).to.equal(
          2500,
        );
        expect(
          await count(
            rt,
            "SELECT count(*)::int AS n FROM events e JOIN records r ON r.id = e.record_id WHERE r.data->>'name' LIKE 'Resume %'",
          ),
        ).to.equal(2500);
      });

      it('lets the worker loop take up a run whose process died before its first batch', async () => {
        const run = await startImport(rt, csv([HEADER, ...leadRows('Worker', 20)]));
        clock.advance(3 * MINUTE);
        expect(await resumeStalledImports(rt.ctx)).to.equal(1);
        await importsSettled(rt.ctx);
        expect(await loadRun(rt.ctx.db, 'default', run.id)).to.include({ status: 'done', created: 20 });
      });
    });
  }

  describe('over HTTP', () => {
    let rt: TestRuntime;
    let template: Awaited<ReturnType<typeof testTemplateFolder>>;
    let rep: { token: string; id: string };
    let otherRep: string;
    let ops: string;
    const clock = manualClock(new Date('2026-03-02T09:00:00Z'));

    before(async () => {
      template = await testTemplateFolder();
      rt = await startTestRuntime({
        clock,
        template: template.dir,
        config: { importMaxBytes: 20_000, importMaxRows: 50 },
      });
      const user = async (email: string, role: string) => {
        const made = await rt.admin.post('/api/v1/users', {
          email,
          name: email,
          password: 'a long enough password',
          role,
        });
        const client = await rt.signIn(email, 'a long enough password');
        return { token: client.token!, id: made.body.id as string };
      };
      rep = await user('importer@example.com', 'rep');
      otherRep = (await user('other.rep@example.com', 'rep')).token;
      ops = (await user('ops@example.com', 'ops')).token;
    });
    after(async () => {
      await rt?.close();
      await template?.remove();
    });

    const post = (query: string, raw: string | Uint8Array, token = rep.token, type = 'text/csv'): Promise<Reply> =>
      call(rt.url, 'POST', `/api/v1/imports/lead${query}`, { token, raw, headers: { 'content-type': type } });

    async function stored() {
      const { rows } = await rt.ctx.db.query(
        `SELECT (SELECT count(*)::int FROM records) AS records, (SELECT count(*)::int FROM events) AS events,
                (SELECT count(*)::int FROM record_history) AS history, (SELECT count(*)::int FROM import_runs) AS runs,
                (SELECT count(*)::int FROM import_files) AS files`,
      );
      return rows[0];
    }

    it('checks every row in a dry run: counts and per-row errors, nothing written', async () => {
      await rt.admin.post('/api/v1/capture/lead', { data: { name: 'Known', email: 'known@example.com' } });
      const before = await stored();
      const r = await post(
        `?dryRun=true&map=${encodeURIComponent(JSON.stringify({ 'E-mail': 'email' }))}&map[Firma]=company_name`,
        csv([
          ['Name', 'E-mail', 'Firma', 'Fax'],
          ['Dry One', 'dry.one@example.com', 'Acme', '1'],
          ['Known again', 'KNOWN@example.com', '', ''],
          ['Dry One twice', 'dry.one@example.com', '', ''],
          ['', 'noname@example.com', '', ''],
          ['Bad', 'bad@', '', ''],
        ]),
      );
      expect(r.status, r.text).to.equal(200);
      expect(r.body).to.include({ dryRun: true, totalRows: 5, wouldCreate: 1, wouldMerge: 2, invalid: 2 });
      expect(r.body.unmappedColumns).to.deep.equal(['Fax']);
      expect(r.body.mapping).to.deep.equal({ Name: 'name', 'E-mail': 'email', Firma: 'company_name', Fax: null });
      expect(r.body.errors.map((e: any) => [e.row, e.column, e.field])).to.deep.equal([
        [4, 'Name', 'name'],
        [5, 'E-mail', 'email'],
      ]);
      expect(await stored()).to.deep.equal(before);
    });

    it('answers 202 with the run and its Location; GET reports progress, counts and errors', async () => {
      const r = await post('?fileName=leads.csv', csv([HEADER, ...leadRows('Http', 10), ['', 'x@', '', '', '']]));
      expect(r.status, r.text).to.equal(202);
      expect(r.headers.get('location')).to.equal(`/api/v1/imports/${r.body.id}`);
      expect(r.body).to.include({ status: 'running', totalRows: 11, fileName: 'leads.csv' });
      await importsSettled(rt.ctx);
      const progress = await call(rt.url, 'GET', `/api/v1/imports/${r.body.id}`, { token: rep.token });
      expect(progress.status).to.equal(200);
      expect(progress.body).to.include({
        status: 'done',
        totalRows: 11,
        rowsDone: 11,
        created: 10,
        merged: 0,
        failed: 1,
      });
      expect(progress.body.errors[0]).to.include({ row: 11, column: 'Name', field: 'name' });
      // created records belong to the importer, like a capture through the API
      expect(
        await count(rt, "SELECT count(*)::int AS n FROM records WHERE data->>'name' LIKE 'Http %' AND owner_id = $1", [
          rep.id,
        ]),
      ).to.equal(10);
      expect((await call(rt.url, 'GET', `/api/v1/imports/${r.body.id}`, { token: otherRep })).status).to.equal(404);
      expect((await rt.admin.get(`/api/v1/imports/${r.body.id}`)).status).to.equal(200);
    });

    it('stores a =HYPERLINK(...) cell as plain text, never evaluated; export neutralises it', async () => {
      const cell = '=HYPERLINK("http://evil.example","click")';
      const r = await post('', csv([HEADER, ['Formula', 'formula@example.com', '', '', cell]]));
      expect(r.status).to.equal(202);
      await importsSettled(rt.ctx);
      const { rows } = await rt.ctx.db.query<any>(
        "SELECT data FROM records WHERE data->>'email' = 'formula@example.com'",
      );
      expect(rows[0].data.title).to.equal(cell);
      const exported = await rt.admin.get(
        `/api/v1/records/lead/export?filter=${encodeURIComponent('{"email":"formula@example.com"}')}`,
      );
      expect(exported.text).to.include(`'=HYPERLINK`);
    });

    it('refuses a role that may not create the object, and a mapped field the role may not set', async () => {
      const before = await stored();
      const denied = await post('', csv([HEADER, ...leadRows('Ops', 1)]), ops);
      expect(denied.status).to.equal(403);
      const field = await post(
        '',
        csv([
          ['Name', 'Budget'],
          ['Rich', '1000'],
        ]),
      );
      expect(field.status).to.equal(403);
      expect(field.body.error.details[0].message).to.include('"budget"');
      expect(await stored()).to.deep.equal(before);
    });

    it('refuses bad files with a clear 4xx naming the problem, and stores nothing', async () => {
      const before = await stored();
      const cases: [string, Promise<Reply>, number, string][] = [
        [
          'oversized',
          post('', csv([HEADER, ['Big', 'big@example.com', '', '', 'x'.repeat(25_000)]])),
          413,
          'at most 20000 bytes',
        ],
        ['over the row cap', post('', csv([HEADER, ...leadRows('Many', 51)])), 422, 'at most 50 rows'],
        ['JSON', post('', '{"name":"x"}', rep.token, 'application/json'), 415, 'text/csv'],
        ['text/plain', post('', csv([HEADER]), rep.token, 'text/plain'), 415, 'application/json'],
        ['latin1', post('', csv([HEADER]), rep.token, 'text/csv; charset=latin1'), 415, 'UTF-8'],
        ['empty file', post('', ''), 422, 'empty'],
        ['blank lines only', post('', '\r\n\r\n'), 422, 'empty'],
        ['header only', post('', csv([HEADER])), 422, 'no rows'],
        [
          'duplicate headers',
          post(
            '',
            csv([
              ['Name', 'Email', 'name'],
              ['a', 'b@c.de', 'c'],
            ]),
          ),
          422,
          'header',
        ],
        ['unknown field', post('?map[Name]=full_name', csv([HEADER, ...leadRows('U', 1)])), 422, 'mapping'],
        ['bad UTF-8', post('', new Uint8Array([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0xff, 0xfe, 0x0a])), 400, 'UTF-8'],
        ['NUL', post('', 'Name\nA\u0000B\n'), 400, 'NUL'],
        ['unclosed quote', post('', 'Name,Email\n"Ann,ann@example.com\n'), 400, 'CSV'],
        ['no mapped column', post('', csv([['Fax'], ['1']])), 422, 'mapping'],
        ['unknown parameter', post('?delimiter=;', csv([HEADER, ...leadRows('P', 1)])), 400, 'parameter'],
        ['map not JSON', post('?map=nope', csv([HEADER, ...leadRows('P', 1)])), 400, 'parameters'],
        ['dryRun not boolean', post('?dryRun=yes', csv([HEADER, ...leadRows('P', 1)])), 400, 'parameters'],
      ];
      for (const [label, reply, status, words] of cases) {
        const r = await reply;
        expect(r.status, `${label}: ${r.text}`).to.equal(status);
        expect(r.body.error.message, label).to.include(words);
      }
      // a chunked body has no length up front: it is counted as it arrives
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(`Name\n${'a\n'.repeat(15_000)}`));
          controller.close();
        },
      });
      const chunked = await fetch(`${rt.url}/api/v1/imports/lead`, {
        method: 'POST',
        body,
        duplex: 'half',
        headers: { authorization: `Bearer ${rep.token}`, 'content-type': 'text/csv' },
      } as RequestInit);
      expect(chunked.status).to.equal(413);
      const unknown = await post('?map[Name]=full_name', csv([HEADER, ...leadRows('U', 1)]));
      expect(unknown.body.error.details).to.deep.include({
        path: '/map/Name',
        message: 'lead has no field "full_name"',
      });
      expect(await stored()).to.deep.equal(before);
    });
  });

  describe('from the command line', () => {
    let dir: string;
    before(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'lf-import-cli-'));
    });
    after(async () => rm(dir, { recursive: true, force: true }));

    it('imports a file into the data folder with a progress line, dry-runs it, and imports it again without duplicates', async () => {
      const file = path.join(dir, 'leads.csv');
      await writeFile(
        file,
        `\uFEFF${csv([['Name', 'E-mail', 'Notes'], ...leadRows('Cli', 5).map((r) => [r[0]!, r[1]!, 'x']), ['Bad', 'nope', '']])}`,
      );
      const data = path.join(dir, 'data');
      const args = ['import', file, '--object', 'lead', '--map', 'E-mail=email', '--data', data];
      const first = await runCli(args);
      expect(first.code, first.stderr).to.equal(0);
      expect(first.stdout).to.include('imported 6/6 rows (100%): 5 created, 0 merged, 1 failed');
      expect(first.stdout).to.match(/row 6 \(E-mail\): /);
      const dry = await runCli([...args, '--dry-run']);
      expect(dry.code, dry.stderr).to.equal(0);
      expect(dry.stdout).to.include('dry run of 6 rows: 0 would create, 5 would merge, 1 invalid (nothing written)');
      const again = await runCli(args);
      expect(again.stdout).to.include('import done: 0 created, 5 merged, 1 failed of 6 rows');
      const refused = await runCli(['import', file, '--object', 'lead', '--map', 'E-mail=mail', '--data', data]);
      expect(refused.code).to.equal(1);
      expect(refused.stderr).to.include('lead has no field "mail"');
    });
  });
});
