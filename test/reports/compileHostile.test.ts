import { type CompiledApp, render, validatePackage } from '@leadforge/engine';
import { expect } from 'chai';
import type { ReportDefinition } from '../../engine/src/package/schemas/index.js';
import { compileReport } from '../../engine/src/reports/index.js';
import type { ReportRunContext } from '../../engine/src/reports/types.js';
import { NOW, reportApp } from './compileWorld.js';

const TENANT = 'tenant-secret-7f3a';
const USER = '0b7e2f4c-1111-4a2b-9c3d-5e6f7a8b9c0d';
const TEAM = '1c8f3a5d-2222-4b3c-8d4e-6f7a8b9c0d1e';

function context(overrides: Partial<ReportRunContext> = {}): ReportRunContext {
  return {
    tenantId: TENANT,
    scope: { kind: 'team', userId: USER, teamId: TEAM },
    now: NOW,
    timeZone: 'Asia/Shanghai',
    locale: 'en',
    ...overrides,
  };
}

function lead(over: Record<string, unknown>): ReportDefinition {
  return {
    id: 'r',
    label: { en: 'r' },
    object: 'lead',
    measures: [{ id: 'n', op: 'count' }],
    ...over,
  } as ReportDefinition;
}

describe('reports: hostile report definitions', () => {
  let app: CompiledApp;
  before(async () => {
    app = await reportApp();
  });

  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['an unknown field', { dimensions: [{ field: 'nope' }] }, '/dimensions/0/field', /unknown field "nope"/],
    ['a prototype name', { dimensions: [{ field: 'constructor' }] }, '/dimensions/0/field', /unknown field/],
    [
      'a related field through a text field',
      { dimensions: [{ field: 'name.industry' }] },
      '/dimensions/0/field',
      /not a reference field/,
    ],
    [
      'an unknown related field',
      { dimensions: [{ field: 'company.__proto__' }] },
      '/dimensions/0/field',
      /unknown field/,
    ],
    [
      'a sum of a text field',
      { measures: [{ id: 'x', op: 'sum', field: 'name' }] },
      '/measures/0/field',
      /needs a number field/,
    ],
    [
      'a bucket on a select field',
      { dimensions: [{ field: 'industry', bucket: 'month' }] },
      '/dimensions/0/bucket',
      /date or date-time/,
    ],
    ['a date-time without a bucket', { dimensions: [{ field: 'created_at' }] }, '/dimensions/0/bucket', /bucket/],
    [
      'a ratio naming a missing measure',
      {
        measures: [
          { id: 'n', op: 'count' },
          { id: 'r', op: 'ratio', numerator: 'won', denominator: 'n' },
        ],
      },
      '/measures/1/numerator',
      /no measure "won"/,
    ],
    [
      'a conversion from an unknown stage',
      { measures: [{ id: 'c', op: 'conversion', from: 'signed', to: 'won' }] },
      '/measures/0/from',
      /unknown stage "signed"/,
    ],
    ['a filter on an unknown field', { filters: { $or: [{ nope: 1 }] } }, '/filters/$or/0/nope', /unknown field/],
    [
      'a filter with a prototype key',
      { filters: JSON.parse('{"__proto__": {"x": 1}}') },
      '/filters/__proto__',
      /not allowed/,
    ],
    [
      'a relative date on a text field',
      { filters: { name: { $within: 'last_30_days' } } },
      '/filters/name/$within',
      /date/,
    ],
    ['sorting by an unknown name', { sort: [{ by: 'nope' }] }, '/sort/0/by', /neither a dimension nor a measure/],
    [
      'a period on a text field',
      { period: { field: 'name', range: 'this_month' } },
      '/period/field',
      /date or date-time/,
    ],
    [
      'a period over events on a date stored in the record’s fields',
      { source: 'events', period: { field: 'last_contacted_at', range: 'this_month' } },
      '/period/field',
      /its own dates/,
    ],
    [
      'an absolute period running backwards',
      { period: { range: { from: '2024-05-01', to: '2024-04-01' } } },
      '/period/range',
      /after/,
    ],
  ];
  for (const [what, over, path, message] of cases) {
    it(`refuses ${what} at ${path}`, () => {
      const result = compileReport(lead(over), app, context());
      expect(result.ok).to.equal(false);
      if (result.ok) return;
      expect(result.problems.map((p) => p.path)).to.include(path);
      expect(result.problems.find((p) => p.path === path)?.message).to.match(message);
    });
  }

  it('refuses a field hidden from the viewer, on the object and through a reference', () => {
    const hiddenFields = new Map([
      ['lead', new Set(['budget'])],
      ['company', new Set(['annual_revenue'])],
    ]);
    for (const [over, path] of [
      [{ measures: [{ id: 's', op: 'sum', field: 'budget' }] }, '/measures/0/field'],
      [{ measures: [{ id: 's', op: 'sum', field: 'company.annual_revenue' }] }, '/measures/0/field'],
      [{ filters: { budget: { $gt: 0 } } }, '/filters/budget'],
    ] as const) {
      const result = compileReport(lead(over), app, context({ hiddenFields }));
      expect(result.ok, JSON.stringify(over)).to.equal(false);
      if (!result.ok) expect(result.problems[0]?.path).to.equal(path);
    }
  });

  it('refuses run filters that are not ids at /globalFilters', () => {
    const result = compileReport(lead({}), app, context({ globalFilters: { teamId: "x' OR 1=1 --" } }));
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.problems[0]?.path).to.equal('/globalFilters/teamId');
  });

  it('refuses a run date range or time zone that is not one, at its pointer', () => {
    for (const [overrides, path] of [
      [{ globalFilters: { dateRange: { relative: 'next_week' } } }, '/globalFilters/dateRange'],
      [{ globalFilters: { dateRange: { from: '2024-05-01', to: 'soon' } } }, '/globalFilters/dateRange'],
      [{ timeZone: 'Mars/Olympus_Mons' }, '/timeZone'],
    ] as const) {
      const result = compileReport(lead({}), app, context(overrides as unknown as Partial<ReportRunContext>));
      expect(result.ok, path).to.equal(false);
      if (!result.ok) expect(result.problems[0]?.path).to.equal(path);
    }
  });

  it('refuses an analysis: it compiles with compileAnalysis', () => {
    const result = compileReport(
      { id: 'f', label: { en: 'f' }, analysis: { kind: 'funnel', pipeline: 'lead' } } as ReportDefinition,
      app,
      context(),
    );
    expect(result.ok).to.equal(false);
  });

  it('never writes a value into the SQL text: tenant, scope, filters, stages, zone and dates are parameters', () => {
    const result = compileReport(
      lead({
        filters: { industry: { $in: ['saas', 'retail'] }, name: { $contains: "O'Brien" } },
        period: { range: { from: '2023-02-01', to: '2023-03-01' }, compare: 'previous_year' },
        dimensions: [{ field: 'created_at', bucket: 'month' }, { field: 'company.industry' }],
        measures: [
          { id: 'n', op: 'count', filter: { region: 'east' } },
          { id: 'c', op: 'conversion', from: 'proposal', to: 'won' },
          { id: 'p', op: 'percentile', field: 'budget', p: 37 },
        ],
        limit: 77,
      }),
      app,
      context({ globalFilters: { ownerId: USER } }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    for (const fragment of [result.value.current, result.value.previous!]) {
      const { text, params } = render(fragment);
      for (const value of [
        TENANT,
        USER,
        TEAM,
        'saas',
        'retail',
        'Brien',
        'east',
        'proposal',
        'Asia/Shanghai',
        '2023',
        '2022',
        '0.37',
        '77',
      ]) {
        expect(text, value).to.not.include(value);
      }
      expect(params).to.include(TENANT);
      expect(text).to.match(/GROUP BY 1, 2/);
      expect(text).to.match(/percentile_cont/);
    }
  });

  describe('publishing a package with a report', () => {
    function problemsOf(report: unknown) {
      const files: Record<string, unknown> = {};
      for (const [file, content] of Object.entries(app.files)) files[file] = content;
      files['reports/r.json'] = report;
      return validatePackage({ files })
        .filter((p) => p.file === 'reports/r.json')
        .map((p) => `${p.pointer}: ${p.message}`);
    }

    it('accepts a generic report over the sample', () => {
      expect(
        problemsOf({
          id: 'r',
          label: { en: 'r' },
          object: 'lead',
          filters: { createdAt: { $within: 'last_90_days' } },
          period: { field: 'created_at', range: 'this_quarter', compare: 'previous_period' },
          dimensions: [{ field: 'company.industry' }, { field: 'created_at', bucket: 'month' }],
          measures: [
            { id: 'n', op: 'count' },
            { id: 'won', op: 'count', filter: { stage: 'won' } },
            { id: 'rate', op: 'ratio', numerator: 'won', denominator: 'n' },
            { id: 'conv', op: 'conversion', from: 'proposal', to: 'won' },
            { id: 'p90', op: 'percentile', field: 'budget', p: 90 },
          ],
          sort: [{ by: 'n', direction: 'desc' }],
          chart: { type: 'bar' },
        }),
      ).to.deep.equal([]);
    });

    for (const [what, report, pointer] of [
      ['a prototype field', { dimensions: [{ field: '__proto__' }] }, '/dimensions/0/field'],
      ['percentile 101', { measures: [{ id: 'p', op: 'percentile', field: 'budget', p: 101 }] }, '/measures/0/p'],
      ['an unknown op', { measures: [{ id: 'p', op: 'mode', field: 'budget' }] }, '/measures/0/op'],
      ['a sum of a select field', { measures: [{ id: 's', op: 'sum', field: 'industry' }] }, '/measures/0/field'],
      [
        'a ratio of a missing measure',
        { measures: [{ id: 'r', op: 'ratio', numerator: 'a', denominator: 'r' }] },
        '/measures/0/numerator',
      ],
      ['a related field through a non-reference', { dimensions: [{ field: 'industry.name' }] }, '/dimensions/0/field'],
      ['an unknown stage', { measures: [{ id: 'd', op: 'duration', from: 'new', to: 'signed' }] }, '/measures/0/to'],
      ['a report without measures', { measures: undefined }, '/measures'],
    ] as const) {
      it(`refuses ${what} at ${pointer || 'the top'}`, () => {
        const problems = problemsOf({
          id: 'r',
          label: { en: 'r' },
          object: 'lead',
          measures: [{ id: 'n', op: 'count' }],
          ...report,
        });
        expect(
          problems.some((p) => p.startsWith(`${pointer}: `)),
          problems.join('\n'),
        ).to.equal(true);
      });
    }
  });
});
