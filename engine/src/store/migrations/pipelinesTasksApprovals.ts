import type { Migration } from './types.js';

/**
 * Migration 6 (issue 6, points 1, 5 and 6): pipelines, tasks and activities, approvals.
 *
 * `stage_history` keeps one row per stay of a record in a stage (entered, exited, duration in
 * milliseconds, who moved it in and out, the reason and comment given): cycle-time reports
 * aggregate it, and the open row (`exited_at IS NULL`, at most one per record and pipeline) says
 * when the current stage was entered (SLA timers start there). `tasks` are what a user must do
 * on a record (due time, priority, assignee); `activities` are what a user did (call, visit,
 * email, note, meeting) with an outcome. `approvals` hold a move (or another action) waiting for
 * a decision; at most one pending approval per record, so a pending record refuses other moves.
 */
export const pipelinesTasksApprovals: Migration = {
  version: 6,
  name: 'pipelines-tasks-approvals',
  sql: `
CREATE TABLE stage_history (
  tenant_id text NOT NULL,
  id uuid NOT NULL,
  record_id uuid NOT NULL,
  object text NOT NULL,
  pipeline text NOT NULL,
  stage text NOT NULL,
  from_stage text NULL,
  entered_at timestamptz NOT NULL,
  exited_at timestamptz NULL,
  duration_ms bigint NULL,
  entered_by uuid NULL,
  exited_by uuid NULL,
  reason text NULL,
  comment text NULL,
  approval_id uuid NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX stage_history_open_idx ON stage_history (tenant_id, record_id, pipeline) WHERE exited_at IS NULL;
CREATE INDEX stage_history_record_idx ON stage_history (tenant_id, record_id, entered_at);
CREATE INDEX stage_history_stage_idx ON stage_history (tenant_id, pipeline, stage, entered_at);

CREATE TABLE tasks (
  tenant_id text NOT NULL,
  id uuid NOT NULL,
  record_id uuid NOT NULL,
  object text NOT NULL,
  title text NOT NULL,
  kind text NOT NULL,
  priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  status text NOT NULL CHECK (status IN ('open', 'done')),
  assignee_id uuid NULL,
  due_at timestamptz NULL,
  notes text NULL,
  source jsonb NULL,
  created_by uuid NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  completed_at timestamptz NULL,
  completed_by uuid NULL,
  outcome text NULL,
  version int NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX tasks_record_idx ON tasks (tenant_id, record_id, created_at);
CREATE INDEX tasks_open_due_idx ON tasks (tenant_id, assignee_id, due_at) WHERE status = 'open';

CREATE TABLE activities (
  tenant_id text NOT NULL,
  id uuid NOT NULL,
  record_id uuid NOT NULL,
  object text NOT NULL,
  kind text NOT NULL,
  outcome text NULL,
  summary text NULL,
  occurred_at timestamptz NOT NULL,
  duration_minutes int NULL,
  task_id uuid NULL,
  actor_id uuid NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX activities_record_idx ON activities (tenant_id, record_id, occurred_at);

CREATE TABLE approvals (
  tenant_id text NOT NULL,
  id uuid NOT NULL,
  record_id uuid NOT NULL,
  object text NOT NULL,
  kind text NOT NULL,
  pipeline text NULL,
  from_stage text NULL,
  to_stage text NULL,
  request jsonb NOT NULL,
  approver_role text NULL,
  approver_id uuid NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  requested_by uuid NULL,
  requested_at timestamptz NOT NULL,
  decided_by uuid NULL,
  decided_at timestamptz NULL,
  decision_comment text NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX approvals_pending_record_idx ON approvals (tenant_id, record_id) WHERE status = 'pending';
CREATE INDEX approvals_status_idx ON approvals (tenant_id, status, requested_at);
`,
};
