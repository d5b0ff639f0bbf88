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
 * signs render tokens, idempotency keys with their stored answers, fixed-window counters shared
 * by processes (rate limits that must hold across processes), the durable queue of
 * submissions past the quota or held while the captcha verifier is down, quarantined spam, and
 * spent captcha tokens. `capture_create_if_absent` is the capture fast path in one round trip:
 * it takes the dedupe-key locks, looks for a record with the keys (each statement of a plpgsql
 * function sees what committed before it, so after the lock it sees the lock holder's record)
 * and, when there is none, writes the record, its 'create' history row and its events; when
 * there are candidates it writes nothing and answers them, and the caller merges in a transaction.
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

CREATE FUNCTION capture_create_if_absent(
  p_tenant text, p_object text, p_locks text[], p_probes jsonb, p_record jsonb, p_events jsonb
) RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  lock_hash bigint;
  probe_sql text;
  found jsonb;
  at timestamptz := (p_record->>'at')::timestamptz;
  rid uuid := (p_record->>'id')::uuid;
BEGIN
  FOR lock_hash IN SELECT DISTINCT hashtextextended(k, 0) FROM unnest(p_locks) AS k ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(lock_hash);
  END LOOP;
  -- field names enter as quoted literals (format %L); values stay parameters ($3 paths)
  SELECT string_agg('(' || (
      SELECT string_agg(CASE WHEN (c.cond->>'ci')::boolean
          THEN format('lower(data->>%L) = ($3->%s->%s->>''value'')', c.cond->>'field', p.ord - 1, c.ord - 1)
          ELSE format('data->%L = ($3->%s->%s->''value'')', c.cond->>'field', p.ord - 1, c.ord - 1) END, ' AND ')
      FROM jsonb_array_elements(p.probe) WITH ORDINALITY AS c(cond, ord)) || ')', ' OR ')
    INTO probe_sql
    FROM jsonb_array_elements(p_probes) WITH ORDINALITY AS p(probe, ord);
  IF probe_sql IS NOT NULL THEN
    -- the object as a literal lets the planner pick its partial expression index; the caller sorts
    EXECUTE format('SELECT jsonb_agg(jsonb_build_object(''id'', id, ''version'', version, ''createdAt'', created_at,'
      ' ''data'', data, ''attribution'', attribution)) FROM (SELECT id, version, created_at, data, attribution FROM records'
      ' WHERE tenant_id = $1 AND object = %L AND deleted_at IS NULL AND (%s) LIMIT 50) AS r', p_object, probe_sql)
      INTO found USING p_tenant, p_object, p_probes;
    IF found IS NOT NULL THEN
      RETURN jsonb_build_object('candidates', found);
    END IF;
  END IF;
  INSERT INTO records (tenant_id, object, id, data, owner_id, team_id, created_by, created_at, updated_at, version, attribution)
  VALUES (p_tenant, p_object, rid, p_record->'data', (p_record->>'ownerId')::uuid, (p_record->>'teamId')::uuid,
    (p_record->>'actorId')::uuid, at, at, 1, p_record->'attribution');
  INSERT INTO record_history (tenant_id, record_id, object, version, actor_id, at, action, changes)
  VALUES (p_tenant, rid, p_object, 1, (p_record->>'actorId')::uuid, at, 'create', p_record->'changes');
  INSERT INTO events (tenant_id, id, record_id, object, type, at, data, event_key)
  SELECT p_tenant, e.id, rid, p_object, e.type, at, e.data, e.event_key
  FROM jsonb_to_recordset(p_events) AS e(id uuid, type text, data jsonb, event_key text);
  RETURN jsonb_build_object('created', rid);
END
$fn$;
`,
};
