import type { Migration } from './types.js';

/**
 * Migration 5 (issue 3): CSV import runs.
 *
 * `import_runs` is one import of one file into one object: its mapping, progress (`rows_done` is
 * the cursor: rows before it are written, in the same transaction as the cursor moved), counts,
 * the first row errors (capped) and a lease: the process working the run holds it until
 * `lease_until`; a run still `running` past its lease was left by a crash and any process may
 * take it up again from the cursor. `import_files` keeps the file (already checked UTF-8 text)
 * until the run finishes, so a resumed run reads the same rows.
 */
export const importRuns: Migration = {
  version: 5,
  name: 'import-runs',
  sql: `
CREATE TABLE import_runs (
  tenant_id text NOT NULL,
  id uuid NOT NULL,
  object text NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  file_name text NULL,
  file_hash text NOT NULL,
  mapping jsonb NOT NULL,
  total_rows int NOT NULL,
  rows_done int NOT NULL DEFAULT 0,
  created int NOT NULL DEFAULT 0,
  merged int NOT NULL DEFAULT 0,
  failed int NOT NULL DEFAULT 0,
  errors jsonb NOT NULL DEFAULT '[]'::jsonb,
  actor_id uuid NULL,
  owner_id uuid NULL,
  team_id uuid NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  finished_at timestamptz NULL,
  lease_until timestamptz NULL,
  last_error text NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX import_runs_open_idx ON import_runs (lease_until) WHERE status = 'running';

CREATE TABLE import_files (
  tenant_id text NOT NULL,
  run_id uuid NOT NULL,
  body text NOT NULL,
  PRIMARY KEY (tenant_id, run_id)
);
`,
};
