import { apiRequest } from './apiRequest.js';
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
}

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
      withQuery(recordsPath(object), { limit: String(page.limit ?? 50), cursor: page.cursor, sort: '-createdAt' }),
    ),
  searchRecords: (object: string, q: string, page: PageRequest = {}) =>
    apiRequest<RecordPage>(
      'GET',
      withQuery(`${recordsPath(object)}/search`, { q, limit: String(page.limit ?? 50), cursor: page.cursor }),
    ),
  getRecord: (object: string, id: string) =>
    apiRequest<ApiRecord>('GET', `${recordsPath(object)}/${encodeURIComponent(id)}`),
  createRecord: (object: string, data: RecordData) => apiRequest<ApiRecord>('POST', recordsPath(object), { data }),
  recordHistory: (object: string, id: string) =>
    apiRequest<{ history: HistoryEntry[] }>('GET', `${recordsPath(object)}/${encodeURIComponent(id)}/history`),
};
