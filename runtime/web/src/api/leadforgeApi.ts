import { apiRequest } from './apiRequest.js';
import type { DashboardParams, DashboardRun, DashboardSummary, DrillAnswer, PersonOption } from './dashboardTypes.js';
import type { ApiRecord, AppInfo, HistoryEntry, RecordData, RecordPage, User } from './types.js';

const recordsPath = (object: string) => `/api/v1/records/${encodeURIComponent(object)}`;

function withQuery(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export interface PageRequest {
  readonly limit?: number;
  readonly cursor?: string | undefined;
  /** A filter in the JSON filter language, as JSON text (e.g. from a drill-down's address). */
  readonly filter?: string | undefined;
}

const runQuery = (params: DashboardParams) => ({
  dateRange: params.dateRange,
  team: params.team,
  owner: params.owner,
  locale: params.locale,
});

/** The runtime's HTTP API, one function per route the web app uses. */
export const leadforgeApi = {
  signIn: (email: string, password: string) =>
    apiRequest<{ user: User; expiresAt: string }>('POST', '/api/v1/auth/login', { email, password }),
  signOut: () => apiRequest<void>('POST', '/api/v1/auth/logout'),
  me: () => apiRequest<{ user: User; admin: boolean }>('GET', '/api/v1/auth/me'),
  app: () => apiRequest<AppInfo>('GET', '/api/v1/app'),
  listRecords: (object: string, page: PageRequest = {}) =>
    apiRequest<RecordPage>(
      'GET',
      withQuery(recordsPath(object), {
        limit: String(page.limit ?? 50),
        cursor: page.cursor,
        sort: '-createdAt',
        filter: page.filter,
      }),
    ),
  searchRecords: (object: string, q: string, page: PageRequest = {}) =>
    apiRequest<RecordPage>(
      'GET',
      withQuery(`${recordsPath(object)}/search`, {
        q,
        limit: String(page.limit ?? 50),
        cursor: page.cursor,
        filter: page.filter,
      }),
    ),
  countRecords: (object: string, filter: string) =>
    apiRequest<{ count: number }>('GET', withQuery(`${recordsPath(object)}/count`, { filter })),
  getRecord: (object: string, id: string) =>
    apiRequest<ApiRecord>('GET', `${recordsPath(object)}/${encodeURIComponent(id)}`),
  createRecord: (object: string, data: RecordData) => apiRequest<ApiRecord>('POST', recordsPath(object), { data }),
  recordHistory: (object: string, id: string) =>
    apiRequest<{ history: HistoryEntry[] }>('GET', `${recordsPath(object)}/${encodeURIComponent(id)}/history`),
  dashboards: (locale: string) =>
    apiRequest<{ dashboards: DashboardSummary[] }>('GET', withQuery('/api/v1/dashboards', { locale })),
  runDashboard: (id: string, params: DashboardParams) =>
    apiRequest<DashboardRun>('GET', withQuery(`/api/v1/dashboards/${encodeURIComponent(id)}`, runQuery(params))),
  drill: (report: string, params: DashboardParams, keys: readonly (string | number | null)[], measure?: string) =>
    apiRequest<DrillAnswer>(
      'POST',
      withQuery(`/api/v1/reports/${encodeURIComponent(report)}/drill`, runQuery(params)),
      measure === undefined ? { keys } : { keys, measure },
    ),
  /** Admins only: the tenant's users and teams, for the dashboard's owner and team filters. */
  users: () => apiRequest<{ users: PersonOption[] }>('GET', '/api/v1/users'),
  teams: () => apiRequest<{ teams: PersonOption[] }>('GET', '/api/v1/teams'),
};
