/**
 * Hostile and malformed requests for the public form endpoints (issue 3, Bad input): at least
 * 300 per endpoint. Each expects a 4xx, or, where the product answers bots like people, the
 * success-shaped 201 (`successShaped`); a few that look like spam are quarantined (`quarantined`).
 */
export interface PublicBadRequest {
  readonly label: string;
  readonly method: 'GET' | 'POST' | 'OPTIONS';
  readonly path: string;
  readonly raw?: string | Uint8Array;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly successShaped?: boolean;
  readonly quarantined?: boolean;
}

export interface BatteryTokens {
  /** A token for whitepaper-download served ten minutes ago (an honest fill time). */
  readonly whitepaper: string;
  /** A token for contact-us served ten minutes ago. */
  readonly contactUs: string;
  /** A token for whitepaper-download served just now (a too-fast fill). */
  readonly fresh: string;
}

const WP = '/api/v1/public/forms/whitepaper-download';
const CU = '/api/v1/public/forms/contact-us';
const JSON_TYPE = { 'content-type': 'application/json' };
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

const HOSTILE_IDS = [
  'nope',
  "contact-us' OR '1'='1",
  '..%2F..%2Fapp',
  '..%2Fobjects%2Flead',
  'x'.repeat(5000),
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'prototype',
  'CONTACT-US',
  'contact-us%00',
  'contact-us%20',
  '%E2%80%AE',
  '%F0%9F%98%80',
  'forms%2Fcontact-us.json',
  'contact-us.json',
  '%2e%2e',
  'contact-us;DROP TABLE records',
  '$where',
];

const HOSTILE_TENANTS = [
  "default' OR '1'='1",
  'Default',
  'DEFAULT',
  'nobody',
  'acme; DROP TABLE tenants',
  '%00',
  'x'.repeat(100),
  '..%2Fdefault',
  '%F0%9F%98%80',
  '',
  '-default',
  'default%0d%0aX-Injected:1',
  '__proto__',
  'constructor',
  'default&tenant=acme',
];

const HOSTILE_QUERIES = [
  'locale=klingon',
  'locale=en_US',
  'locale=%00',
  'locale=' + 'a'.repeat(300),
  'locale=en&locale=zh-CN',
  'locale[]=en',
  'a[]=1&a[]=2',
  'tenant[]=default',
  'tenant[$ne]=x',
  'tenant=default&tenant=default',
  'filter=%7B%7D',
  'callback=alert',
  '__proto__[admin]=1',
  'constructor[prototype][polluted]=1',
  'debug=1',
  'tenant=default&x=1',
  'tenant=default&locale=en&extra=1',
  '%00=1',
  'tenant=%00',
  'sort=-createdAt',
];

const HOSTILE_ORIGINS = [
  'https://evil.example',
  'null',
  'http://www.example.com',
  'https://www.example.com.evil.example',
  'https://evil.example/https://www.example.com',
  'https://www.example.com:8443',
  'https://sub.www.example.com',
  'javascript:alert(1)',
  'data:text/html,hi',
  'file://',
  'https://www.example.co',
  'https://www.examp1e.com',
  'https://example.org',
  'https://www.example.com/',
  'ftp://www.example.com',
  'https://xn--exmple-cua.com',
  'https://127.0.0.1',
  'http://localhost',
  'https://www.example.com%00.evil.example',
  'chrome-extension://abcdef',
];

/** `GET /api/v1/public/forms/:form`: hostile form ids, tenants, query strings and origins. */
export function hostileFormReads(): PublicBadRequest[] {
  const cases: PublicBadRequest[] = [];
  for (const id of HOSTILE_IDS)
    cases.push({ label: `form id ${id.slice(0, 30)}`, method: 'GET', path: `/api/v1/public/forms/${id}` });
  for (const id of HOSTILE_IDS)
    for (const tenant of HOSTILE_TENANTS.slice(0, 8))
      cases.push({
        label: `form id ${id.slice(0, 20)} in tenant ${tenant.slice(0, 20)}`,
        method: 'GET',
        path: `/api/v1/public/forms/${id}?tenant=${encodeURIComponent(tenant)}`,
      });
  for (const tenant of HOSTILE_TENANTS)
    for (const form of ['contact-us', 'whitepaper-download', 'event-signin'])
      cases.push({
        label: `tenant ${tenant.slice(0, 30)} for ${form}`,
        method: 'GET',
        path: `/api/v1/public/forms/${form}?tenant=${tenant.includes('%') || tenant.includes('&') ? tenant : encodeURIComponent(tenant)}`,
      });
  for (const query of HOSTILE_QUERIES)
    for (const form of ['contact-us', 'whitepaper-download'])
      cases.push({
        label: `query ${query.slice(0, 30)}`,
        method: 'GET',
        path: `/api/v1/public/forms/${form}?${query}`,
      });
  for (const origin of HOSTILE_ORIGINS)
    for (const form of ['contact-us', 'whitepaper-download', 'event-signin'])
      cases.push({
        label: `origin ${origin}`,
        method: 'GET',
        path: `/api/v1/public/forms/${form}`,
        headers: { origin },
      });
  cases.push({
    label: 'GET with a JSON body and a bad origin',
    method: 'GET',
    path: CU,
    headers: { origin: 'https://evil.example' },
  });
  return cases;
}

/** `OPTIONS` preflights: foreign origins, unknown forms, hostile tenants and queries. */
export function hostilePreflights(): PublicBadRequest[] {
  const cases: PublicBadRequest[] = [];
  const preflight = (path: string, origin: string, label: string): PublicBadRequest => ({
    label,
    method: 'OPTIONS',
    path,
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  for (const origin of HOSTILE_ORIGINS)
    for (const path of [
      CU,
      `${CU}/submissions`,
      WP,
      `${WP}/submissions`,
      '/api/v1/public/forms/event-signin/submissions',
    ])
      cases.push(preflight(path, origin, `preflight from ${origin} to ${path.slice(22)}`));
  for (const id of HOSTILE_IDS)
    for (const suffix of ['', '/submissions'])
      for (const origin of ['https://www.example.com', 'https://evil.example'])
        cases.push(
          preflight(`/api/v1/public/forms/${id}${suffix}`, origin, `preflight to form ${id.slice(0, 20)}${suffix}`),
        );
  for (const tenant of HOSTILE_TENANTS)
    for (const suffix of ['', '/submissions'])
      for (const origin of ['https://www.example.com', 'https://evil.example'])
        cases.push(
          preflight(
            `${CU}${suffix}?tenant=${tenant.includes('%') || tenant.includes('&') ? tenant : encodeURIComponent(tenant)}`,
            origin,
            `preflight in tenant ${tenant.slice(0, 20)} from ${origin}`,
          ),
        );
  for (const query of HOSTILE_QUERIES)
    for (const path of [`${CU}/submissions`, WP])
      cases.push(preflight(`${path}?${query}`, 'https://www.example.com', `preflight query ${query.slice(0, 30)}`));
  for (const origin of HOSTILE_ORIGINS)
    for (const path of [`${CU}?tenant=default`, `${WP}/submissions?tenant=default&locale=en`])
      cases.push(preflight(path, origin, `preflight from ${origin} with a query`));
  return cases;
}

const WRONG_VALUES: readonly unknown[] = [
  123,
  true,
  [],
  ['a'],
  {},
  { $gt: '' },
  { $ne: null },
  { $regex: '.*' },
  { $where: 'sleep(10)' },
  1e308,
  -1,
  { toString: 'x' },
];

/** `POST /api/v1/public/forms/:form/submissions`: the body battery; `t` holds render tokens minted for the run. */
export function hostileSubmissions(t: BatteryTokens): PublicBadRequest[] {
  const cases: PublicBadRequest[] = [];
  const good = { name: 'Bad Input', email: 'bad.input@example.com' };
  const post = (label: string, body: unknown, extra: Partial<PublicBadRequest> = {}): PublicBadRequest => ({
    label,
    method: 'POST',
    path: `${WP}/submissions`,
    body,
    ...extra,
  });
  const withAnswers = (answers: unknown) => ({ answers, hidden: {}, renderToken: t.whitepaper });

  for (const field of ['name', 'email', 'company_name', 'title', 'industry'])
    for (const value of WRONG_VALUES)
      cases.push(post(`${field} = ${JSON.stringify(value).slice(0, 30)}`, withAnswers({ ...good, [field]: value })));
  for (const answers of ['x', 1, null, true, [good], [[]]])
    cases.push(post(`answers = ${JSON.stringify(answers)}`, withAnswers(answers)));
  cases.push(post('answers missing', { hidden: {}, renderToken: t.whitepaper }));
  for (const hidden of [
    'x',
    1,
    [],
    true,
    { utm_source: 1 },
    { utm_source: {} },
    { utm_source: ['a'] },
    { utm_source: 'x'.repeat(600) },
  ])
    cases.push(
      post(`hidden = ${JSON.stringify(hidden).slice(0, 30)}`, { answers: good, hidden, renderToken: t.whitepaper }),
    );
  for (const hidden of [
    { utm_campaign: 'spring\r\nX-Injected: 1' },
    { referrer: 'x'.repeat(3000) },
    { landingPage: 5 },
    { gclid: 'abc' },
    { params: [] },
    { params: 'x' },
    { params: { 'bad name': 'x' } },
    { params: { ok: 5 } },
    { params: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`p${i}`, 'v'])) },
    { params: { ok: { $gt: '' } } },
    { utm_source: '\ud800' },
  ])
    cases.push(
      post(`hidden ${JSON.stringify(hidden).slice(0, 40)}`, { answers: good, hidden, renderToken: t.whitepaper }),
    );
  for (const consent of [
    'yes',
    true,
    1,
    [],
    { accepted: 'true', version: '1' },
    { accepted: true, version: 5 },
    { accepted: true },
    { accepted: true, version: '1', at: 'now' },
    { accepted: true, version: 'x'.repeat(40) },
  ])
    cases.push(post(`consent = ${JSON.stringify(consent).slice(0, 30)}`, { ...withAnswers(good), consent }));
  for (const renderToken of [
    undefined,
    '',
    5,
    null,
    {},
    'garbage',
    'v1..',
    'v1.e30.',
    `${t.whitepaper}x`,
    t.contactUs,
    t.whitepaper.replace('v1.', 'v2.'),
    'v1.' + 'A'.repeat(2000) + '.x',
  ])
    cases.push(
      post(`renderToken ${JSON.stringify(renderToken)?.slice(0, 30)}`, { answers: good, hidden: {}, renderToken }),
    );
  for (const extra of [
    { honeypot: 5 },
    { honeypot: {} },
    { captchaToken: 5 },
    { captchaToken: 'x'.repeat(5000) },
    { admin: true },
    { $where: '1' },
    { record: {} },
    { tenant: 'acme' },
  ])
    cases.push(post(`extra ${JSON.stringify(extra).slice(0, 30)}`, { ...withAnswers(good), ...extra }));
  for (const raw of [
    '{"__proto__": {"admin": true}, "answers": {}, "hidden": {}, "renderToken": "x"}',
    `{"answers": {"__proto__": {"polluted": true}, "name": "a", "email": "a@b.co"}, "hidden": {}, "renderToken": "${t.whitepaper}"}`,
    `{"answers": {"constructor": {"prototype": {"polluted": true}}, "name": "a", "email": "a@b.co"}, "hidden": {}, "renderToken": "${t.whitepaper}"}`,
    `{"answers": {"name": "a", "email": "a@b.co"}, "hidden": {"params": {"__proto__": {"polluted": true}}}, "renderToken": "${t.whitepaper}"}`,
    `{"answers": {"name": "a", "email": "a@b.co"}, "hidden": {}, "consent": {"__proto__": {"accepted": true}}, "renderToken": "${t.whitepaper}"}`,
    `{"answers": {"prototype": 1, "name": "a", "email": "a@b.co"}, "hidden": {}, "renderToken": "${t.whitepaper}"}`,
    '{"constructor": {"prototype": {"polluted": true}}}',
  ])
    cases.push(post(`prototype keys ${raw.slice(0, 40)}`, undefined, { raw, headers: JSON_TYPE }));
  for (const field of [
    'password_hash',
    'score',
    'stage',
    'owner',
    'id',
    'tenant_id',
    'status',
    'source_channel',
    'phone',
    'budget',
    'role',
    'zzz',
    '',
    ' ',
    'name ',
    'EMAIL',
    '$set',
    'data',
    'attribution',
    'consent',
  ])
    cases.push(post(`unknown answer "${field}"`, withAnswers({ ...good, [field]: 'x' })));
  for (const [label, answers] of [
    ['CRLF in a name', { ...good, name: 'Jane\r\nX-Injected: 1' }],
    ['CRLF in a company', { ...good, company_name: 'Acme\r\nSet-Cookie: a=b' }],
    ['LF in an email', { ...good, email: 'a@b.co\nbcc: x@y.z' }],
    ['HTML in an email', { ...good, email: '<script>alert(1)</script>@x.com' }],
    ['NUL in a name', { ...good, name: 'a\u0000b' }],
    ['lone surrogate in a name', { ...good, name: 'a\ud800b' }],
    ['bidi override in a name', { ...good, name: 'a\u202e\u0000' }],
    ['a 1,001-character name', { ...good, name: 'x'.repeat(1001) }],
    ['a 100,000-character email', { ...good, email: `${'x'.repeat(100_000)}@example.com` }],
    ['an empty name', { email: good.email, name: '' }],
    ['no email', { name: 'No Email' }],
    ['an industry not offered', { ...good, industry: 'crypto' }],
    ['an industry with CRLF', { ...good, industry: 'saas\r\nX-Injected: 1' }],
    ['a select given a list', { ...good, industry: ['saas', 'retail'] }],
  ] as const)
    cases.push(post(label, withAnswers(answers)));
  for (const [label, answers] of [
    ['HTML in a name', { ...good, name: '<script>alert(1)</script>' }],
    ['an img onerror in a name', { ...good, name: '<img src=x onerror=alert(1)>' }],
    ['a link in a name', { ...good, name: 'Visit https://spam.example now' }],
    ['=HYPERLINK in a name', { ...good, name: '=HYPERLINK("http://evil.example","click me")' }],
    ['=HYPERLINK in a company', { ...good, company_name: '=HYPERLINK("http://evil.example","x")' }],
    ['a formula in a title', { ...good, title: "=cmd|' /C calc'!A0" }],
    ['@SUM in a name', { ...good, name: '@SUM(1+1)*cmd|"/C calc"!A0' }],
    ['=1+2 in a name', { ...good, name: '=1+2' }],
    ['an email at a blocked domain', { ...good, email: 'someone@mailinator.com' }],
    ['www link in a company', { ...good, company_name: 'www.cheap-pills.example' }],
  ] as const)
    cases.push(
      post(`${label} (quarantined)`, withAnswers({ ...answers, email: `q.${label.length}.${answers.email}` }), {
        successShaped: true,
        quarantined: true,
      }),
    );
  for (const honeypot of [
    'x',
    'http://spam.example',
    ' filled ',
    '0',
    'a'.repeat(999),
    '<b>bot</b>',
    '=1+1',
    '\u3000bot',
    'false',
    'null',
  ])
    cases.push(
      post(
        `honeypot ${JSON.stringify(honeypot).slice(0, 20)}`,
        { ...withAnswers(good), honeypot },
        { successShaped: true },
      ),
    );
  for (let i = 0; i < 5; i++)
    cases.push(post(`too fast #${i}`, { answers: good, hidden: {}, renderToken: t.fresh }, { successShaped: true }));
  const json = JSON_TYPE;
  const valid = JSON.stringify(withAnswers(good));
  for (const [label, raw, headers] of [
    ['malformed JSON', '{"answers": {', json],
    ['trailing garbage', `${valid} x`, json],
    ['a bare string', '"hello"', json],
    ['an array', '[1,2,3]', json],
    ['null', 'null', json],
    ['JSON as text/plain', valid, { 'content-type': 'text/plain' }],
    ['JSON as application/xml', valid, { 'content-type': 'application/xml' }],
    [
      'multipart',
      `--b\r\nContent-Disposition: form-data; name="answers"\r\n\r\nx\r\n--b--`,
      { 'content-type': 'multipart/form-data; boundary=b' },
    ],
    ['form-encoded a[]=', 'a[]=1&a[]=2&answers[name]=x', { 'content-type': 'application/x-www-form-urlencoded' }],
    [
      'form-encoded answers',
      'answers%5Bname%5D=x&answers%5Bemail%5D=a%40b.co',
      { 'content-type': 'application/x-www-form-urlencoded' },
    ],
    ['charset latin1', valid, { 'content-type': 'application/json; charset=latin1' }],
    ['charset utf-16', valid, { 'content-type': 'application/json; charset=utf-16' }],
    ['json-patch type', valid, { 'content-type': 'application/json-patch+json' }],
    ['10,000-deep nesting', `{"answers": {"name": ${deep(10_000)}}, "hidden": {}, "renderToken": "x"}`, json],
    ['40-deep nesting in hidden', `{"answers": {}, "hidden": {"params": ${deep(40)}}, "renderToken": "x"}`, json],
    ['a 1 MB body', JSON.stringify({ ...withAnswers(good), answers: { ...good, notes: 'x'.repeat(1_100_000) } }), json],
    ['a 100 KB body', JSON.stringify({ ...withAnswers(good), answers: { ...good, title: 'x'.repeat(100_000) } }), json],
    [
      '100k keys',
      JSON.stringify(withAnswers(Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i])))),
      json,
    ],
    [
      '20k keys',
      JSON.stringify(withAnswers(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, 1])))),
      json,
    ],
    ['a huge array', JSON.stringify(withAnswers({ ...good, title: Array.from({ length: 30_000 }, () => 1) })), json],
  ] as const)
    cases.push(post(label, undefined, { raw, headers }));
  cases.push(
    post('invalid UTF-8 bytes', undefined, {
      raw: new Uint8Array([
        0x7b, 0x22, 0x61, 0x6e, 0x73, 0x77, 0x65, 0x72, 0x73, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d,
      ]),
      headers: JSON_TYPE,
    }),
  );
  cases.push(
    post('overlong UTF-8 slash', undefined, {
      raw: new Uint8Array([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d]),
      headers: JSON_TYPE,
    }),
  );
  for (const key of ['x'.repeat(201), 'has space', 'tab\there', 'é', ''])
    cases.push(
      post(`Idempotency-Key ${JSON.stringify(key).slice(0, 20)}`, withAnswers({ ...good, email: 'not-an-email' }), {
        headers: { 'idempotency-key': key },
      }),
    );
  for (const origin of HOSTILE_ORIGINS)
    cases.push(post(`origin ${origin}`, withAnswers(good), { headers: { origin } }));
  for (const origin of HOSTILE_ORIGINS.slice(0, 10))
    cases.push({
      ...post(`contact-us from origin ${origin}`, { ...withAnswers(good), renderToken: t.contactUs }),
      path: `${CU}/submissions`,
      headers: { origin },
    });
  const contact = { name: 'Contact Bad', email: 'contact.bad@example.com', company_name: 'Acme', role: 'engineer' };
  for (const field of ['name', 'email', 'phone', 'company_name', 'role', 'employees', 'industry', 'notes'])
    for (const value of WRONG_VALUES.filter((v) => field !== 'employees' || typeof v !== 'number' || v < 0))
      cases.push({
        ...post(`contact-us ${field} = ${JSON.stringify(value).slice(0, 30)}`, {
          answers: { ...contact, [field]: value },
          hidden: {},
          renderToken: t.contactUs,
          consent: { accepted: true, version: '2024-06' },
        }),
        path: `${CU}/submissions`,
      });
  for (const [label, consent] of [
    ['missing consent', undefined],
    ['consent refused', { accepted: false, version: '2024-06' }],
    ['consent as a string', 'yes'],
    ['consent without version', { accepted: true }],
    ['consent null', null],
  ] as const)
    cases.push({
      ...post(label, {
        answers: contact,
        hidden: {},
        renderToken: t.contactUs,
        ...(consent === undefined ? {} : { consent }),
      }),
      path: `${CU}/submissions`,
    });
  for (const [label, answers] of [
    ['ceo without the budget it requires', { ...contact, role: 'ceo' }],
    ['budget as text', { ...contact, role: 'cto', budget: 'a lot' }],
    ['negative budget', { ...contact, role: 'vp', budget: -5 }],
    ['role not offered', { ...contact, role: 'emperor' }],
    ['employees as a float', { ...contact, employees: 1.5 }],
  ] as const)
    cases.push({
      ...post(label, {
        answers,
        hidden: {},
        renderToken: t.contactUs,
        consent: { accepted: true, version: '2024-06' },
      }),
      path: `${CU}/submissions`,
    });
  for (const id of HOSTILE_IDS.slice(0, 12))
    cases.push({
      ...post(`submission to form ${id.slice(0, 20)}`, withAnswers(good)),
      path: `/api/v1/public/forms/${id}/submissions`,
    });
  for (const query of HOSTILE_QUERIES)
    cases.push({ ...post(`query ${query.slice(0, 30)}`, withAnswers(good)), path: `${WP}/submissions?${query}` });
  for (const tenant of HOSTILE_TENANTS)
    cases.push({
      ...post(`tenant ${tenant.slice(0, 20)}`, withAnswers(good)),
      path: `${WP}/submissions?tenant=${tenant.includes('%') || tenant.includes('&') ? tenant : encodeURIComponent(tenant)}`,
    });
  return cases;
}
