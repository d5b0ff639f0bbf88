import type { Migration } from './types.js';

/**
 * Migration 1: every table leads its primary key with `tenant_id`, the distribution column
 * if a deployment moves to Citus (DESIGN.md, Data). `sessions` and `login_failures` are keyed
 * by a secret hash / throttle key that is looked up before the tenant is known.
 */
export const foundation: Migration = {
  version: 1,
  name: 'foundation',
  sql: `
CREATE TABLE tenants (
  tenant_id text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE records (
  tenant_id text NOT NULL,
  object text NOT NULL,
  id uuid NOT NULL,
  data jsonb NOT NULL,
  owner_id uuid NULL,
  team_id uuid NULL,
  created_by uuid NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version int NOT NULL DEFAULT 1,
  deleted_at timestamptz NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX records_created_idx ON records (tenant_id, object, created_at, id);
CREATE INDEX records_owner_idx ON records (tenant_id, object, owner_id);
CREATE INDEX records_team_idx ON records (tenant_id, object, team_id);

CREATE TABLE record_history (
  tenant_id text NOT NULL,
  id bigserial NOT NULL,
  record_id uuid NOT NULL,
  object text NOT NULL,
  version int NOT NULL,
  actor_id uuid NULL,
  at timestamptz NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore', 'assign')),
  changes jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX record_history_record_idx ON record_history (tenant_id, record_id, id);

CREATE TABLE teams (
  tenant_id text NOT NULL,
  id uuid NOT NULL,
  name text NOT NULL,
  manager_id uuid NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE users (
  tenant_id text NOT NULL,
  id uuid NOT NULL,
  email text NOT NULL,
  name text NOT NULL,
  password_hash text NULL,
  role text NOT NULL,
  team_id uuid NULL,
  manager_id uuid NULL,
  active boolean NOT NULL DEFAULT true,
  away boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX users_email_idx ON users (tenant_id, lower(email));

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  tenant_id text NOT NULL,
  user_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (tenant_id, user_id);

CREATE TABLE api_tokens (
  tenant_id text NOT NULL,
  id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  user_id uuid NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NULL,
  revoked_at timestamptz NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE login_failures (
  key text PRIMARY KEY,
  count int NOT NULL,
  window_start timestamptz NOT NULL,
  locked_until timestamptz NULL
);

-- json, not jsonb: key order must survive for a byte-stable export.
CREATE TABLE app_drafts (
  tenant_id text PRIMARY KEY,
  package json NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by uuid NULL
);

CREATE TABLE app_versions (
  tenant_id text NOT NULL,
  version int NOT NULL,
  package json NOT NULL,
  fingerprint text NOT NULL,
  published_at timestamptz NOT NULL,
  published_by uuid NULL,
  note text NULL,
  PRIMARY KEY (tenant_id, version)
);

CREATE TABLE app_current (
  tenant_id text PRIMARY KEY,
  version int NOT NULL
);
`,
};
