import type { Migration } from './types.js';

/**
 * Migration 3 (issue 3): capture.
 *
 * `events` is the append-only log of what a lead did (`form.submitted`, later `pricing.viewed`…);
 * `event_key`, unique per tenant when set, lets a producer write an event at most once; `seq`
 * orders events written at the same instant (a capture and its qualification). Records
 * gain `attribution` (channel, form, UTM, referrer, first and last touch: system data kept out of
 * the field values) and `merged_into` (the survivor of a manual merge, on the soft-deleted loser).
 * The `capture_*` tables are the public submission path's own state: the per-tenant secret that
 * signs render tokens, idempotency keys with their stored answers, fixed-window counters for
 * rate limits and quotas, the durable queue of submissions past the quota or held while the
 * captcha verifier is down, quarantined spam, and spent captcha tokens.
 */
export const captureAndEvents: Migration = {
  version: 3,
  name: 'capture-and-events',
  sql: `
CREATE TABLE events (
  tenant_id text NOT NULL,
  id uuid NOT NULL,
  record_id uuid NULL,
  object text NULL,
  type text NOT NULL,
  at timestamptz NOT NULL,
  data jsonb NOT NULL,
  event_key text NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX events_key_idx ON events (tenant_id, event_key) WHERE event_key IS NOT NULL;
CREATE INDEX events_record_idx ON events (tenant_id, record_id, at, seq);
CREATE INDEX events_type_idx ON events (tenant_id, type, at);

ALTER TABLE records ADD COLUMN attribution jsonb NULL;
ALTER TABLE records ADD COLUMN merged_into uuid NULL;

CREATE TABLE capture_settings (
  tenant_id text PRIMARY KEY,
  form_secret text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE capture_idempotency (
  tenant_id text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, key)
);
CREATE INDEX capture_idempotency_created_idx ON capture_idempotency (created_at);

CREATE TABLE capture_counters (
  tenant_id text NOT NULL,
  bucket text NOT NULL,
  window_start timestamptz NOT NULL,
  count int NOT NULL,
  PRIMARY KEY (tenant_id, bucket, window_start)
);
CREATE INDEX capture_counters_window_idx ON capture_counters (window_start);

CREATE TABLE capture_pending (
  tenant_id text NOT NULL,
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('queued', 'held')),
  payload jsonb NOT NULL,
  attempts int NOT NULL DEFAULT 0,
  run_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  last_error text NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX capture_pending_due_idx ON capture_pending (run_at, created_at);

CREATE TABLE capture_quarantine (
  tenant_id text NOT NULL,
  id uuid NOT NULL,
  form text NULL,
  object text NOT NULL,
  reasons jsonb NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  released_at timestamptz NULL,
  released_by uuid NULL,
  record_id uuid NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX capture_quarantine_open_idx ON capture_quarantine (tenant_id, created_at) WHERE released_at IS NULL;

CREATE TABLE capture_captcha_tokens (
  tenant_id text NOT NULL,
  token_hash text NOT NULL,
  used_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, token_hash)
);
CREATE INDEX capture_captcha_tokens_used_idx ON capture_captcha_tokens (used_at);
`,
};
