/** Hostile requests for the report, dashboard and report-schedule routes (issue 7); badInput.test.ts sends them. */
export interface ReportBadRequest {
  readonly label: string;
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly raw?: string;
  readonly headers?: Record<string, string>;
  /** Hostile-looking keys of a real point may legitimately answer 200 (a filter that lists nothing). */
  readonly mayAnswerOk?: boolean;
}

const enc = (v: string) => encodeURIComponent(v);
const FAKE_ID = '3f1c0c1e-8d1b-4c55-9a4e-5b0b6a7c8d9e';

/** Run parameters (global filters, locale) that every report or dashboard run refuses, naming the parameter. */
const BAD_RUN_QUERIES = [
  'dateRange=forever',
  'dateRange=last_30_days&from=2026-01-01&to=2026-02-01',
  'dateRange=last_30_days&dateRange=this_year',
  'from=2026-13-45&to=2026-14-01',
  'from=2026-02-01&to=2026-01-01',
  'from=2026-02-01',
  `from=${enc("2026-01-01' OR '1'='1")}&to=2026-02-01`,
  'team=not-a-uuid',
  `owner=${enc("1' OR '1'='1")}`,
  'locale=xx-XX',
  `locale=${'x'.repeat(5000)}`,
  'unknown=1',
  '__proto__=1',
  'constructor[prototype][polluted]=1',
];

function runQueries(M: string, path: string): ReportBadRequest[] {
  return BAD_RUN_QUERIES.map((q) => ({ label: `run parameter ${q.slice(0, 30)}`, method: M, path: `${path}?${q}` }));
}

function drillCases(path: string): ReportBadRequest[] {
  const post = (label: string, body: unknown): ReportBadRequest => ({ label, method: 'POST', path, body });
  return [
    post('drill without keys', {}),
    post('keys as a string', { keys: 'saas' }),
    post('keys as an object', { keys: { 0: 'saas' } }),
    post('too many keys', { keys: ['a', 'b', 'c', 'd'] }),
    post('a key as an object', { keys: [{ $ne: null }] }),
    post('a key as a list', { keys: [['saas']] }),
    post('a huge key', { keys: ['x'.repeat(10_000)] }),
    post('a measure as a number', { keys: ['saas'], measure: 3 }),
    post('a forged measure', { keys: ['saas'], measure: "leads' OR '1'='1" }),
    post('an unknown property', { keys: ['saas'], filter: { $or: [] } }),
    { label: 'drill with __proto__', method: 'POST', path, raw: '{"keys":["saas"],"__proto__":{"admin":true}}' },
    post('drill with a 10,000-key list', { keys: Array.from({ length: 10_000 }, (_v, i) => i) }),
    { label: 'drill with a bad run parameter', method: 'POST', path: `${path}?dateRange=forever`, body: { keys: [] } },
  ];
}

/** Odd but well-formed keys against the sample's real reports: a 4xx or an empty answer, never a 5xx. */
function sampleDrills(path: string): ReportBadRequest[] {
  const keys: unknown[][] = [
    ["' OR 1=1 --"],
    [null],
    [1e308],
    [-1],
    ['x'.repeat(500)],
    ['__proto__'],
    ['constructor', 'prototype'],
    ['2026-13-45', 'saas'],
    [],
  ];
  return keys.map((k) => ({
    label: `drill ${JSON.stringify(k).slice(0, 30)}`,
    method: 'POST',
    path,
    body: { keys: k },
    mayAnswerOk: true,
  }));
}

function scheduleCases(M: string, path: string): ReportBadRequest[] {
  const good = {
    report: 'no-such-report',
    endpoint: 'mail',
    recipients: ['boss@example.com'],
    cadence: { every: 'daily', at: '08:00' },
  };
  const send = (label: string, body: unknown): ReportBadRequest => ({ label, method: M, path, body });
  return [
    send('no report and no dashboard', { ...good, report: undefined }),
    send('both report and dashboard', { ...good, dashboard: 'sales' }),
    send('a forged report id', { ...good, report: "x' OR '1'='1" }),
    send('recipients as a string', { ...good, recipients: 'boss@example.com' }),
    send('no recipients', { ...good, recipients: [] }),
    send('51 recipients', { ...good, recipients: Array.from({ length: 51 }, (_v, i) => `r${i}@example.com`) }),
    send('a recipient that is no address', { ...good, recipients: ['boss'] }),
    send('a recipient with a header injection', { ...good, recipients: ['a@example.com\r\nBcc: x@evil.test'] }),
    send('an unknown format', { ...good, format: 'pdf' }),
    send('cadence as a string', { ...good, cadence: 'daily' }),
    send('cadence every hour', { ...good, cadence: { every: 'hourly', at: '08:00' } }),
    send('cadence at 25:00', { ...good, cadence: { every: 'daily', at: '25:00' } }),
    send('cadence in an unknown zone', { ...good, cadence: { every: 'daily', at: '08:00', timeZone: 'Mars/Base' } }),
    send('a weekday on a daily cadence', { ...good, cadence: { every: 'daily', at: '08:00', weekday: 'monday' } }),
    send('day 31 of the month', { ...good, cadence: { every: 'monthly', at: '08:00', day: 31 } }),
    send('an unknown cadence property', { ...good, cadence: { every: 'daily', at: '08:00', cron: '* * * * *' } }),
    send('an owner that is no uuid', { ...good, owner: 'admin' }),
    send('an owner nobody is', { ...good, owner: FAKE_ID }),
    send('filters as a string', { ...good, filters: 'last_30_days' }),
    send('an unknown filter', { ...good, filters: { where: '1=1' } }),
    send('a filter as an object', { ...good, filters: { dateRange: { $ne: null } } }),
    send('locale as a number', { ...good, locale: 5 }),
    send('active as text', { ...good, active: 'yes' }),
    send('a forged endpoint id', { ...good, endpoint: "mail' OR '1'='1" }),
    send('an unknown property', { ...good, sql: 'DROP TABLE report_schedules' }),
    {
      label: 'schedule with __proto__',
      method: M,
      path,
      raw: `{"report":"x","__proto__":{"admin":true}}`,
      headers: { 'content-type': 'application/json' },
    },
  ];
}

export function reportBadRequests(M: string, path: string): ReportBadRequest[] {
  if (path === '/api/v1/reports' || path === '/api/v1/dashboards') return runQueries(M, path);
  if (path === '/api/v1/reports/:id' || path === '/api/v1/dashboards/:id') {
    const concrete = path.replace(':id', 'no-such-report');
    return [
      ...runQueries(M, concrete),
      { label: 'a forged id', method: M, path: path.replace(':id', enc("x' OR '1'='1")) },
      { label: 'a huge id', method: M, path: path.replace(':id', 'x'.repeat(5000)) },
      { label: 'a prototype id', method: M, path: path.replace(':id', '__proto__') },
      { label: 'a constructor id', method: M, path: path.replace(':id', 'constructor') },
    ];
  }
  if (path === '/api/v1/reports/:id/drill')
    return [
      ...drillCases(path.replace(':id', 'no-such-report')),
      ...drillCases(path.replace(':id', 'funnel')),
      ...sampleDrills(path.replace(':id', 'funnel')),
      ...sampleDrills(path.replace(':id', 'leads-by-industry-month')),
    ];
  if (path === '/api/v1/reports/:id/export') {
    const concrete = path.replace(':id', 'no-such-report');
    return [
      ...runQueries(M, concrete),
      { label: 'an unknown format', method: M, path: `${concrete}?format=pdf` },
      { label: 'two formats', method: M, path: `${concrete}?format=csv&format=xlsx` },
      { label: 'a forged format', method: M, path: `${concrete}?format=${enc('csv"; rm -rf /')}` },
    ];
  }
  if (path === '/api/v1/report-schedules' && M === 'POST') return scheduleCases(M, path);
  if (path === '/api/v1/report-schedules/:id' && M === 'PATCH')
    return scheduleCases(M, path.replace(':id', FAKE_ID)).filter((c) => c.label !== 'no report and no dashboard');
  if (path === '/api/v1/report-schedules' || path === '/api/v1/report-schedules/:id')
    return [{ label: 'schedules with a query parameter', method: M, path: `${path.replace(':id', FAKE_ID)}?all=1` }];
  return [];
}
