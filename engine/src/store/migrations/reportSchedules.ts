import type { Migration } from './types.js';

/**
 * Migration 12 (issue 7): scheduled emails of a report or a dashboard. Each schedule runs as its
 * owner (their row scope), on a daily, weekly or monthly cadence at a wall-clock time in a zone;
 * `next_run_at` is the due time of its one pending `report.schedule` job (keyed by schedule and
 * due time, so a due time is sent once), and `last_*` tell what the last run did.
 */
export const reportSchedules: Migration = {
  version: 12,
  name: 'report-schedules',
  sql: `
CREATE TABLE report_schedules (
  tenant_id text NOT NULL,
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('report', 'dashboard')),
  target text NOT NULL,
  owner_id uuid NOT NULL,
  endpoint_id text NOT NULL,
  recipients jsonb NOT NULL,
  format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  cadence jsonb NOT NULL,
  filters jsonb NOT NULL DEFAULT '{}'::jsonb,
  locale text NULL,
  active boolean NOT NULL DEFAULT true,
  next_run_at timestamptz NULL,
  last_run_at timestamptz NULL,
  last_status text NULL CHECK (last_status IN ('sent', 'failed')),
  last_error text NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id)
);
`,
};
