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
 * later enrolment (recycle) starts a new run. `step_index` is the step the run is at; `moves`
 * counts the steps run, so each step's job (keyed by it) is distinct even when a branch loops back.
 *
 * Two triggers start the work whatever code made the change: a record getting an owner (created
 * with one, routed, claimed from a pool, reassigned by hand or by import) enqueues an `sla.start`
 * job due at the record's `updated_at` (the application clock's time of the change), and a
 * publish enqueues a `nurture.recycle` sweep due at `published_at`; each sweep schedules the
 * next day's while the app has a recycle rule.
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
  moves int NOT NULL DEFAULT 0,
  cause jsonb NOT NULL,
  enrolled_at timestamptz NOT NULL,
  next_at timestamptz NULL,
  ended_at timestamptz NULL,
  end_reason text NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX nurture_enrollments_active_idx ON nurture_enrollments (tenant_id, nurture, record_id) WHERE status = 'active';
CREATE INDEX nurture_enrollments_record_idx ON nurture_enrollments (tenant_id, record_id, enrolled_at);

CREATE FUNCTION sla_owner_assigned() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO jobs (tenant_id, kind, key, payload, run_at, max_attempts, created_at)
  VALUES (NEW.tenant_id, 'sla.start', NEW.id::text || ':' || NEW.version::text,
          jsonb_build_object('recordId', NEW.id, 'object', NEW.object, 'ownerId', NEW.owner_id, 'at', NEW.updated_at),
          NEW.updated_at, 25, NEW.updated_at)
  ON CONFLICT (tenant_id, kind, key) WHERE key IS NOT NULL DO NOTHING;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER records_sla_owner_inserted AFTER INSERT ON records
  FOR EACH ROW WHEN (NEW.owner_id IS NOT NULL) EXECUTE FUNCTION sla_owner_assigned();
CREATE TRIGGER records_sla_owner_changed AFTER UPDATE OF owner_id ON records
  FOR EACH ROW WHEN (NEW.owner_id IS NOT NULL AND NEW.owner_id IS DISTINCT FROM OLD.owner_id)
  EXECUTE FUNCTION sla_owner_assigned();

CREATE FUNCTION nurture_recycle_on_publish() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO jobs (tenant_id, kind, key, payload, run_at, max_attempts, created_at)
  VALUES (NEW.tenant_id, 'nurture.recycle', 'v' || NEW.version::text, jsonb_build_object('version', NEW.version),
          NEW.published_at, 25, NEW.published_at)
  ON CONFLICT (tenant_id, kind, key) WHERE key IS NOT NULL DO NOTHING;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER app_versions_nurture_recycle AFTER INSERT ON app_versions
  FOR EACH ROW EXECUTE FUNCTION nurture_recycle_on_publish();
`,
};
