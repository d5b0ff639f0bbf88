import type { Migration } from './types.js';

/**
 * Migration 2 (issue 5): durable jobs and delivery endpoints.
 *
 * `jobs` holds timers, delayed steps and outbox deliveries. A claimed job keeps state 'pending'
 * and its `run_at` becomes the lease expiry, so one partial index serves both "due" and "lease
 * ran out". `lease` is the fencing token; completed jobs are deleted, failed ones kept.
 * `delivery_endpoints` holds each channel endpoint's configuration with secret fields sealed
 * (AES-256-GCM, see engine/src/delivery/secrets.ts) and whether a 410 disabled it.
 */
export const jobsAndDelivery: Migration = {
  version: 2,
  name: 'jobs-and-delivery',
  sql: `
CREATE TABLE jobs (
  tenant_id text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  kind text NOT NULL,
  key text NULL,
  target text NULL,
  payload jsonb NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),
  run_at timestamptz NOT NULL,
  attempt int NOT NULL DEFAULT 0,
  max_attempts int NOT NULL CHECK (max_attempts > 0),
  lease int NOT NULL DEFAULT 0,
  locked_by text NULL,
  last_error text NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE state = 'pending';
CREATE UNIQUE INDEX jobs_key_idx ON jobs (tenant_id, kind, key) WHERE key IS NOT NULL;
CREATE INDEX jobs_failed_idx ON jobs (tenant_id, id) WHERE state = 'failed';

CREATE TABLE delivery_endpoints (
  tenant_id text NOT NULL,
  id text NOT NULL,
  channel text NOT NULL,
  config jsonb NOT NULL,
  disabled_at timestamptz NULL,
  disabled_reason text NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
`,
};
