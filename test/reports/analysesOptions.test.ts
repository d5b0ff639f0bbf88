import type { CompiledApp } from '@leadforge/engine';
import { formatProblem, validatePackage } from '@leadforge/engine';
import { expect } from 'chai';
import { ANALYSIS_MEASURES } from '../../engine/src/package/schemas/reportAnalysis.js';
import { compileAnalysis } from '../../engine/src/reports/analyses/compileAnalysis.js';
import {
  CHANNEL_ROI_MEASURES,
  FUNNEL_MEASURES,
  GOALS_MEASURES,
  LEADERBOARD_MEASURES,
} from '../../engine/src/reports/analyses/index.js';
import { compileReport } from '../../engine/src/reports/compile/index.js';
import type { GlobalFilters, ReportRunContext } from '../../engine/src/reports/types.js';
import { render } from '../../engine/src/store/sql.js';
import { readPackageFolder } from '../../runtime/src/package/readPackageFolder.js';
import { compiledOrThrow, runContext, sampleApp } from './analysesSupport.js';

const INJECTION = "lead'; DROP TABLE records; --";

function problemsOf(analysis: unknown, app: CompiledApp, ctx: ReportRunContext = runContext('t')) {
  const compiled = compileAnalysis({ analysis }, app, ctx);
  if (compiled.ok) throw new Error(`expected problems, got ${render(compiled.value.current).text.slice(0, 80)}`);
  return compiled.problems;
}

describe('reports: built-in analysis options', () => {
  let app: CompiledApp;
  before(async () => {
    app = (await sampleApp()).app;
  });

  const refused: [string, unknown, string][] = [
    ['no analysis at all', undefined, '/analysis'],
    ['an analysis that is a list', [], '/analysis'],
    ['an analysis that is a string', 'funnel', '/analysis'],
    ['an unknown kind', { kind: 'pivot' }, '/analysis/kind'],
    ['a kind that is not a string', { kind: 7 }, '/analysis/kind'],
    ['a funnel without a pipeline', { kind: 'funnel' }, '/analysis/pipeline'],
    ['an unknown pipeline', { kind: 'funnel', pipeline: 'nope' }, '/analysis/pipeline'],
    ['an injection as a pipeline', { kind: 'funnel', pipeline: INJECTION }, '/analysis/pipeline'],
    ['an unknown option', { kind: 'funnel', pipeline: 'lead', sql: 'SELECT 1' }, '/analysis/sql'],
    ['a prototype key', JSON.parse('{"kind": "goals", "__proto__": {"x": 1}}'), '/analysis/__proto__'],
    ['a channel field of the wrong type', { kind: 'channel-roi', channelField: 'email' }, '/analysis/channelField'],
    ['an unknown channel field', { kind: 'channel-roi', channelField: 'nope' }, '/analysis/channelField'],
    ['constructor as a cost object', { kind: 'channel-roi', costObject: 'constructor' }, '/analysis/costObject'],
    ['an injection as a field', { kind: 'channel-roi', costAmountField: INJECTION }, '/analysis/costAmountField'],
    [
      'a won link that is not a reference to the leads',
      { kind: 'channel-roi', wonLinkField: 'company' },
      '/analysis/wonLinkField',
    ],
    ['a won stage that is not an option', { kind: 'leaderboard', wonStage: 'closed' }, '/analysis/wonStage'],
    ['an unknown scoring model', { kind: 'channel-roi', mqlModel: 'vibes' }, '/analysis/mqlModel'],
    ['ranking by everyone', { kind: 'leaderboard', by: 'everyone' }, '/analysis/by'],
    ['a limit of a billion', { kind: 'leaderboard', limit: 1e9 }, '/analysis/limit'],
    ['a goal amount that is text', { kind: 'goals', goalAmountField: 'user' }, '/analysis/goalAmountField'],
    ['an unknown measure', { kind: 'goals', measures: ['happiness'] }, '/analysis/measures/0'],
    ['a repeated measure', { kind: 'goals', measures: ['wins', 'wins'] }, '/analysis/measures'],
    ['an unnamed period', { kind: 'funnel', pipeline: 'lead', period: 'someday' }, '/analysis/period'],
    [
      '30 February',
      { kind: 'funnel', pipeline: 'lead', period: { from: '2026-02-30', to: '2026-03-01' } },
      '/analysis/period',
    ],
    [
      'a period ending before it starts',
      { kind: 'goals', period: { from: '2026-03-01', to: '2026-02-01' } },
      '/analysis/period',
    ],
  ];
  for (const [what, analysis, path] of refused) {
    it(`refuses ${what} at ${path}`, () => {
      const problems = problemsOf(analysis, app);
      expect(
        problems.map((p) => p.path),
        JSON.stringify(problems),
      ).to.include(path);
    });
  }

  const badFilters: [string, GlobalFilters, string][] = [
    ['a team id that is an injection', { teamId: INJECTION }, '/globalFilters/teamId'],
    ['an owner id that is a number', { ownerId: 7 as unknown as string }, '/globalFilters/ownerId'],
    ['an unknown relative range', { dateRange: { relative: 'forever' as 'today' } }, '/globalFilters/dateRange'],
    ['a range of two words', { dateRange: { from: 'monday', to: 'friday' } }, '/globalFilters/dateRange'],
  ];
  for (const [what, globalFilters, path] of badFilters) {
    it(`refuses ${what} among the dashboard filters at ${path}`, () => {
      for (const analysis of [
        { kind: 'funnel', pipeline: 'lead' },
        { kind: 'channel-roi' },
        { kind: 'leaderboard' },
        { kind: 'goals' },
      ]) {
        const problems = problemsOf(analysis, app, runContext('t', { globalFilters }));
        expect(
          problems.map((p) => p.path),
          analysis.kind,
        ).to.include(path);
      }
    });
  }

  // `measures` picks by index into what the analysis gives: a schema id missing there would be a 5xx, not a 4xx
  it('gives exactly the measures a report may pick, in the order the schema lists them', () => {
    const given = {
      funnel: FUNNEL_MEASURES,
      'channel-roi': CHANNEL_ROI_MEASURES,
      leaderboard: LEADERBOARD_MEASURES,
      goals: GOALS_MEASURES,
    };
    for (const [kind, measures] of Object.entries(given)) {
      expect(
        measures.map((m) => m.id),
        kind,
      ).to.deep.equal(ANALYSIS_MEASURES[kind as keyof typeof given]);
    }
  });

  it('never puts a value into the SQL text', () => {
    const ctx = runContext("t'; DROP TABLE records; --", {
      scope: { kind: 'own', userId: '00000000-0000-4000-8000-000000000001' },
      globalFilters: { teamId: '00000000-0000-4000-8000-000000000002', dateRange: { relative: 'this_quarter' } },
    });
    for (const analysis of [
      { kind: 'funnel', pipeline: 'lead' },
      { kind: 'channel-roi' },
      { kind: 'leaderboard', by: 'team' },
      { kind: 'goals' },
    ]) {
      const { text, params } = render(compiledOrThrow(analysis, app, ctx).current);
      expect(text).to.not.contain('DROP');
      expect(text).to.not.contain('00000000-0000-4000');
      expect(params).to.include(ctx.tenantId);
    }
  });

  it('refuses hostile drill-down keys and measures with pointers', () => {
    const cases: [unknown, [unknown[], string | undefined, string][]][] = [
      [
        { kind: 'funnel', pipeline: 'lead' },
        [
          [['nope'], undefined, '/keys/0'],
          [[], undefined, '/keys'],
          [['won', 'extra'], undefined, '/keys'],
          [['new'], 'happiness', '/measure'],
          [['won'], 'drop_off', '/measure'],
        ],
      ],
      [{ kind: 'channel-roi' }, [[[INJECTION], undefined, '/keys/0']]],
      [{ kind: 'leaderboard' }, [[[INJECTION], undefined, '/keys/0']]],
      [
        { kind: 'goals' },
        [
          [['user:abc', '2026-01-01/2026-01-31'], undefined, '/keys'],
          [[`user:00000000-0000-4000-8000-000000000001`, INJECTION], undefined, '/keys'],
        ],
      ],
      [
        { kind: 'goals', measures: ['completion'] },
        [[['team:00000000-0000-4000-8000-000000000001', '2026-01-01/2026-03-31'], 'wins', '/measure']],
      ],
    ];
    for (const [analysis, points] of cases) {
      const compiled = compiledOrThrow(analysis, app, runContext('t'));
      for (const [keys, measure, path] of points) {
        const drill = compiled.drillDown(keys as (string | null)[], measure);
        if (drill.ok) expect.fail(`expected ${JSON.stringify(keys)} to be refused`);
        expect(drill.problems.map((p) => p.path)).to.include(path);
      }
    }
  });

  it('checks analysis names when a package is validated, pointing into the report file', async () => {
    const { pkg } = await readPackageFolder(new URL('../../samples/b2b-saas', import.meta.url).pathname);
    const broken = {
      files: {
        ...pkg.files,
        'reports/broken.json': {
          id: 'broken',
          label: { en: 'Broken' },
          analysis: { kind: 'channel-roi', costObject: 'budget', channelField: 'email', mqlModel: 'vibes' },
        },
        'reports/lost.json': { id: 'lost', label: { en: 'Lost' }, analysis: { kind: 'funnel', pipeline: 'deals' } },
      },
    };
    const problems = validatePackage(broken).map(formatProblem);
    expect(problems.filter((p) => p.includes('reports/broken.json'))).to.have.length(3);
    expect(problems.join('\n'))
      .to.contain('/analysis/costObject')
      .and.contain('/analysis/channelField')
      .and.contain('/analysis/mqlModel');
    expect(problems.join('\n')).to.contain('reports/lost.json').and.contain('unknown pipeline "deals"');
  });

  it("compiles the sample's KPI tiles with the generic report compiler", async () => {
    const { files } = await sampleApp();
    for (const id of ['new-leads', 'won-amount']) {
      const compiled = compileReport(files[`reports/${id}.json`] as never, app, runContext('t'));
      expect(compiled.ok, id).to.equal(true);
    }
  });
});

describe('reports: built-in analyses read each object under its own row scope', () => {
  it("limits the deals of a leaderboard by the viewer's scope of deals, not of leads", async () => {
    const { app } = await sampleApp();
    const rep = '11111111-1111-4111-8111-111111111111';
    const ctx = runContext('t', { scopes: new Map([['opportunity', { kind: 'own', userId: rep }]]) });
    const scoped = render(compiledOrThrow({ kind: 'leaderboard', by: 'user' }, app, ctx).current);
    const open = render(compiledOrThrow({ kind: 'leaderboard', by: 'user' }, app, runContext('t')).current);
    expect(scoped.params).to.include(rep);
    expect(open.params).not.to.include(rep);
  });
});
