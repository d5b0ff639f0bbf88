import type { Migration } from './types.js';

/**
 * Migration 11 (issue 6): SLA timers and nurture enrolments.
 *
 * `sla_timers` is one SLA clock on one record: started at `started_at` (the assignment), it is
 * `running` until a follow-up stops it (`met`) or its first deadline passes (`breached`, then
 * escalation steps fire; `done` once every step fired). `step` counts the steps already fired and
 * `next_due_at` is when the next one is due (the durable job carries the same time).
 *
 * `nurture_enrollments` is one run of one record through one sequence. At most one run per record
 * and sequence is `active` (a second enrolment is ignored); a finished run stays for history, and a
 * later enrolment (recycle) starts a new run. `step_index` is the step the run is at.
 */
export const slaAndNurture: Migration = {
  version: 11,
  name: 'sla-and-nurture',
  sql: `
CREATE TABLE sla_timers (
  tenant_id text NOT NULL,
  id uuid NOT NULL,
  sla text NOT NULL,
  object text NOT NULL,
  record_id uuid NOT NULL,
  owner_id uuid NULL,
  status text NOT NULL CHECK (status IN ('running', 'met', 'breached', 'done', 'cancelled')),
  started_at timestamptz NOT NULL,
  step int NOT NULL DEFAULT 0,
  next_due_at timestamptz NULL,
  breached_at timestamptz NULL,
  met_at timestamptz NULL,
  ended_at timestamptz NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX sla_timers_open_idx ON sla_timers (tenant_id, sla, record_id) WHERE status IN ('running', 'breached');
CREATE INDEX sla_timers_record_idx ON sla_timers (tenant_id, record_id, started_at);

CREATE TABLE nurture_enrollments (
  tenant_id text NOT NULL,
  id uuid NOT NULL,
  nurture text NOT NULL,
  object text NOT NULL,
  record_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'completed', 'exited', 'unenrolled')),
  step_index int NOT NULL DEFAULT 0,
  cause jsonb NOT NULL,
  enrolled_at timestamptz NOT NULL,
  next_at timestamptz NULL,
  ended_at timestamptz NULL,
  end_reason text NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX nurture_enrollments_active_idx ON nurture_enrollments (tenant_id, nurture, record_id) WHERE status = 'active';
CREATE INDEX nurture_enrollments_record_idx ON nurture_enrollments (tenant_id, record_id, enrolled_at);
`,
};
