/** Hostile requests for the routing, lead pool and notification routes (issue 6); badInput.test.ts sends them. */
export interface RoutingBadRequest {
  readonly label: string;
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly mayAnswerOk?: boolean;
}

const enc = (v: string) => encodeURIComponent(v);
const FAKE_ID = '3f1c0c1e-8d1b-4c55-9a4e-5b0b6a7c8d9e';
const POOL = '/api/v1/pools/inbound/leads';

function dryRunCases(path: string): RoutingBadRequest[] {
  const concrete = path.replace(':id', 'leads');
  const post = (label: string, body: unknown): RoutingBadRequest => ({ label, method: 'POST', path: concrete, body });
  const draft = (extra: Record<string, unknown>) => ({
    routing: {
      id: 'leads',
      object: 'lead',
      rules: [{ id: 'r', strategy: { type: 'owner', user: 'a@b.c' } }],
      ...extra,
    },
  });
  return [
    post('sample 0', { sample: 0 }),
    post('sample huge', { sample: 1_000_000 }),
    post('sample as text', { sample: 'ten' }),
    post('routing as a string', { routing: 'leads' }),
    post('draft of another id', { routing: { id: 'other', object: 'lead', rules: [] } }),
    post('draft with unknown strategy', draft({ rules: [{ id: 'r', strategy: { type: 'random' } }] })),
    post(
      'draft with a method operator',
      draft({
        rules: [{ id: 'r', when: { method: [{ var: 'email' }, 'toString'] }, strategy: { type: 'owner', user: 'x' } }],
      }),
    ),
    post(
      'draft with a catastrophic regex',
      draft({
        rules: [{ id: 'r', when: { match: [{ var: 'email' }, '(a+)+$'] }, strategy: { type: 'owner', user: 'x' } }],
      }),
    ),
    post('draft queue naming no pool', draft({ fallback: { type: 'queue', queue: 'nowhere' } })),
    post('draft with __proto__ pool', draft({ pools: [{ id: '__proto__', members: { role: 'rep' } }] })),
    post('hostile filter', { filter: { method: [{ var: 'email' }, 'constructor'] } }),
    post('deep filter', { filter: JSON.parse(`${'{"!":'.repeat(200)}true${'}'.repeat(200)}`) }),
    { label: 'SQL in the routing id', method: 'POST', path: path.replace(':id', enc("leads' OR '1'='1")), body: {} },
    { label: 'unknown query parameter', method: 'POST', path: `${concrete}?publish=true`, body: {} },
  ];
}

function poolCases(method: string, path: string): RoutingBadRequest[] {
  if (path === '/api/v1/pools/:pool/leads') {
    const get = (label: string, p: string): RoutingBadRequest => ({ label, method: 'GET', path: p });
    return [
      get('status that does not exist', `${POOL}?status=won`),
      get('limit 0', `${POOL}?limit=0`),
      get('limit huge', `${POOL}?limit=99999`),
      get('limit as text', `${POOL}?limit=ten`),
      get('unknown parameter', `${POOL}?filter=%7B%7D`),
      get('status given twice', `${POOL}?status=pending&status=invalid`),
      get('SQL in the pool id', `/api/v1/pools/${enc("inbound' OR '1'='1")}/leads`),
      get('__proto__ as the pool', '/api/v1/pools/__proto__/leads'),
      get('constructor as the pool', '/api/v1/pools/constructor/leads'),
    ];
  }
  const action = path.split('/').at(-1)!;
  const at = (id: string, pool = 'inbound') => `/api/v1/pools/${pool}/leads/${id}/${action}`;
  const post = (label: string, p: string, body?: unknown): RoutingBadRequest => ({ label, method, path: p, body });
  const cases = [
    post(
      'a lead that is not in the pool',
      at(FAKE_ID),
      action === 'return' ? { reason: 'duplicate' } : action === 'status' ? { status: 'invalid' } : {},
    ),
    post('a forged id', at("1' OR '1'='1"), {}),
    post('__proto__ as the pool', at(FAKE_ID, '__proto__'), {}),
    post('unknown property', at(FAKE_ID), { reason: 'duplicate', status: 'invalid', owner: 'me' }),
  ];
  if (action === 'return')
    cases.push(
      post('no reason', at(FAKE_ID), {}),
      post('reason as an object', at(FAKE_ID), { reason: { $ne: '' } }),
      post('NUL in the reason', at(FAKE_ID), { reason: 'a\u0000b' }),
      post('reason too long', at(FAKE_ID), { reason: 'x'.repeat(500) }),
    );
  if (action === 'status')
    cases.push(
      post('status that does not exist', at(FAKE_ID), { status: 'won' }),
      post('no status', at(FAKE_ID), {}),
      post('status unassigned (not settable)', at(FAKE_ID), { status: 'unassigned' }),
    );
  if (action === 'reclaim') cases.push(post('reason as a number', at(FAKE_ID), { reason: 5 }));
  return cases;
}

function notificationCases(method: string, path: string): RoutingBadRequest[] {
  if (path === '/api/v1/notifications')
    return [
      'limit=0',
      'limit=100000',
      'limit=-1',
      'unread=maybe',
      'unread=true&unread=false',
      'mine=false',
      'user=other',
    ].map((q) => ({ label: `notifications ?${q}`, method: 'GET', path: `${path}?${q}` }));
  if (path === '/api/v1/notifications/:id/read')
    return [
      { label: 'a notification that does not exist', method, path: path.replace(':id', FAKE_ID), body: {} },
      { label: 'a forged id', method, path: path.replace(':id', enc("1' OR '1'='1")), body: {} },
      { label: 'a body with properties', method, path: path.replace(':id', FAKE_ID), body: { read: false } },
    ];
  if (path === '/api/v1/notifications/read-all')
    return [{ label: 'a body with properties', method, path, body: { userId: FAKE_ID } }];
  return [];
}

/** Every hostile request for one route of issue 6's routing part ([] for other routes). */
export function routingBadRequests(method: string, path: string): RoutingBadRequest[] {
  if (path === '/api/v1/routing/:id/dry-run') return dryRunCases(path);
  if (path.startsWith('/api/v1/pools/')) return poolCases(method, path);
  if (path.startsWith('/api/v1/notifications')) return notificationCases(method, path);
  if (path === '/api/v1/records/:object/:id/route')
    return [
      {
        label: 'routing that does not exist',
        method,
        path: `/api/v1/records/lead/${FAKE_ID}/route`,
        body: { routing: 'nowhere' },
      },
      {
        label: 'SQL as the routing',
        method,
        path: `/api/v1/records/lead/${FAKE_ID}/route`,
        body: { routing: "leads' OR '1'='1" },
      },
      {
        label: 'routing as an object',
        method,
        path: `/api/v1/records/lead/${FAKE_ID}/route`,
        body: { routing: { id: 'leads' } },
      },
      { label: 'an owner to force', method, path: `/api/v1/records/lead/${FAKE_ID}/route`, body: { owner: FAKE_ID } },
    ];
  if (path === '/api/v1/records/:object/:id/assignments')
    return [
      { label: 'assignments with a parameter', method, path: `/api/v1/records/lead/${FAKE_ID}/assignments?all=1` },
    ];
  return [];
}
