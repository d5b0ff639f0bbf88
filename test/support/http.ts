/** A minimal JSON client over fetch for tests against the real server on loopback. */
export interface Reply<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
  readonly text: string;
}

export interface RequestOptions {
  readonly token?: string | undefined;
  readonly body?: unknown;
  /** Sent as-is instead of JSON.stringify(body). */
  readonly raw?: string | Uint8Array;
  readonly headers?: Record<string, string>;
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | Uint8Array | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(baseUrl + path, { method, headers, body: body as BodyInit | undefined, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (CSV export); keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers, text };
}

/** A client bound to one server and one credential. */
export function client(baseUrl: string, token?: string) {
  const as =
    (method: string) =>
    (path: string, body?: unknown, extra: Omit<RequestOptions, 'body' | 'token'> = {}) =>
      call(baseUrl, method, path, { ...extra, token, body });
  return { get: as('GET'), post: as('POST'), patch: as('PATCH'), put: as('PUT'), delete: as('DELETE'), token };
}

export type Client = ReturnType<typeof client>;
