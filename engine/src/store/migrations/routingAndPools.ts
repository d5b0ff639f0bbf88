import type { Migration } from './types.js';

/**
 * Migration 7 (issue 6): routing and lead pools.
 *
 * `routing_counters` keeps each round-robin / weighted rule's turn in the database: a router
 * advances it with `INSERT … ON CONFLICT DO UPDATE … RETURNING`, which holds the row until its
 * transaction commits, so concurrent routers through one rule take distinct, gapless turns.
 * `routing_assignments` records every decision (why this owner). `notifications` is the in-app
 * inbox. `pool_entries` holds a record's status in a lead pool; `epoch` counts its transitions so a
 * timeout job armed for an older state does nothing.
 */
export const routingAndPools: Migration = {
  version: 7,
  name: 'routing-and-pools',
  sql: `
CREATE TABLE routing_counters (
  tenant_id text NOT NULL,
  routing text NOT NULL,
  counter_key text NOT NULL,
  turns bigint NOT NULL,
  PRIMARY KEY (tenant_id, routing, counter_key)
);

CREATE TABLE routing_assignments (
  tenant_id text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  record_id uuid NOT NULL,
  object text NOT NULL,
  routing text NULL,
  rule_id text NULL,
  strategy text NULL,
  owner_id uuid NULL,
  previous_owner_id uuid NULL,
  pool_id text NULL,
  reason text NOT NULL,
  skipped jsonb NOT NULL,
  cause text NOT NULL,
  actor_id uuid NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX routing_assignments_record_idx ON routing_assignments (tenant_id, record_id, id);

CREATE TABLE notifications (
  tenant_id text NOT NULL,
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  kind text NOT NULL,
  title text NOT NULL,
  body text NULL,
  object text NULL,
  record_id uuid NULL,
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  read_at timestamptz NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX notifications_user_idx ON notifications (tenant_id, user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (tenant_id, user_id) WHERE read_at IS NULL;

CREATE TABLE pool_entries (
  tenant_id text NOT NULL,
  pool text NOT NULL,
  record_id uuid NOT NULL,
  object text NOT NULL,
  status text NOT NULL CHECK (status IN ('unassigned', 'pending', 'in_progress', 'converted', 'invalid')),
  holder_id uuid NULL,
  epoch int NOT NULL DEFAULT 0,
  return_reason text NULL,
  entered_at timestamptz NOT NULL,
  claimed_at timestamptz NULL,
  accepted_at timestamptz NULL,
  status_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, pool, record_id)
);
CREATE INDEX pool_entries_status_idx ON pool_entries (tenant_id, pool, status, entered_at);
CREATE INDEX pool_entries_holder_idx ON pool_entries (tenant_id, holder_id) WHERE holder_id IS NOT NULL;
`,
};
