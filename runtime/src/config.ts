/** Runtime settings; every value can come from the environment (docs/operators.md lists them). */
export interface RuntimeConfig {
  /** Maximum JSON body size, bytes. */
  readonly bodyLimitBytes: number;
  readonly sessionIdleMinutes: number;
  readonly sessionAbsoluteHours: number;
  /** Failed logins per account or per IP inside the window before sign-in is refused for the window. */
  readonly loginMaxFailures: number;
  /** Failed logins from one client address inside the window (many people may share an office address). */
  readonly loginMaxFailuresPerIp: number;
  readonly loginWindowMinutes: number;
  /** How many reverse proxies in front of us may set X-Forwarded-For (0: trust none). */
  readonly trustedProxyHops: number;
  /** How often a process re-checks which app version is current (other processes may publish). */
  readonly appRefreshMs: number;
  /** How long a process trusts a resolved session or token before asking the database again. */
  readonly authCacheMs: number;
  readonly exportMaxRows: number;
  /** Largest public form submission body, bytes (issue 3). */
  readonly captureBodyLimitBytes: number;
  /** Public submissions per minute from one client address to one form, unless the form sets its own. */
  readonly capturePerIpPerMinute: number;
  /** Submissions per minute per tenant; past it, valid submissions wait in the pending queue (202 queued). */
  readonly captureTenantPerMinute: number;
  /** Most submissions the pending queue holds per tenant; past it, 429. */
  readonly captureQueueCap: number;
  /** Largest CSV file an import accepts, bytes (issue 3); past it, 413. */
  readonly importMaxBytes: number;
  /** Most data rows an import accepts; past it, 422 naming the limit. */
  readonly importMaxRows: number;
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

export function configFromEnv(overrides: Partial<RuntimeConfig> = {}): RuntimeConfig {
  return {
    bodyLimitBytes: intFromEnv('LEADFORGE_BODY_LIMIT_BYTES', 1024 * 1024),
    sessionIdleMinutes: intFromEnv('LEADFORGE_SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: intFromEnv('LEADFORGE_SESSION_ABSOLUTE_HOURS', 12),
    loginMaxFailures: intFromEnv('LEADFORGE_LOGIN_MAX_FAILURES', 5),
    loginMaxFailuresPerIp: intFromEnv('LEADFORGE_LOGIN_MAX_FAILURES_PER_IP', 50),
    loginWindowMinutes: intFromEnv('LEADFORGE_LOGIN_WINDOW_MINUTES', 15),
    trustedProxyHops: intFromEnv('LEADFORGE_TRUSTED_PROXY_HOPS', 0),
    appRefreshMs: intFromEnv('LEADFORGE_APP_REFRESH_MS', 2000),
    authCacheMs: intFromEnv('LEADFORGE_AUTH_CACHE_MS', 1000),
    exportMaxRows: intFromEnv('LEADFORGE_EXPORT_MAX_ROWS', 100_000),
    captureBodyLimitBytes: intFromEnv('LEADFORGE_CAPTURE_BODY_LIMIT_BYTES', 64 * 1024),
    capturePerIpPerMinute: intFromEnv('LEADFORGE_CAPTURE_PER_IP_PER_MINUTE', 60),
    captureTenantPerMinute: intFromEnv('LEADFORGE_CAPTURE_TENANT_PER_MINUTE', 6000),
    captureQueueCap: intFromEnv('LEADFORGE_CAPTURE_QUEUE_CAP', 100_000),
    importMaxBytes: intFromEnv('LEADFORGE_IMPORT_MAX_BYTES', 50 * 1024 * 1024),
    importMaxRows: intFromEnv('LEADFORGE_IMPORT_MAX_ROWS', 200_000),
    ...overrides,
  };
}
