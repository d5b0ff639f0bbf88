import type { Migration } from './types.js';

/**
 * Migration 10 (issue 6): automation dispatch, run log, lists and task due timers.
 *
 * `automation_inbox` gets one row per domain event and per record write (`events` and
 * `record_history` rows), written by AFTER INSERT triggers in the writer's own transaction: no
 * write path has to remember automations, and a row commits (or rolls back) with the change it
 * announces. The same trigger writes one `automation.dispatch` job per writing transaction (keyed
 * by the transaction id, so a capture that writes three rows makes one job); the dispatcher
 * claims inbox rows with `FOR UPDATE SKIP LOCKED` and deletes them in the transaction that writes
 * the runs they start, so each row starts its runs exactly once. `cause` is the automation chain
 * that made the change (the transaction-local setting `leadforge.automation_cause`, set by the
 * step runner), for loop protection.
 *
 * `automation_runs` is the run log: what fired, why, each step's result, and where a run waiting
 * on a delay resumes. `lists` / `list_members` hold the "add to a list" action's static lists.
 * A task's due time gets an `automation.task-due` job (emits `task.overdue` when still open).
 */
export const automation: Migration = {
  version: 10,
  name: 'automation',
  sql: `
CREATE TABLE automation_inbox (
  tenant_id text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  source text NOT NULL CHECK (source IN ('event', 'history')),
  source_id text NOT NULL,
  record_id uuid NOT NULL,
  object text NOT NULL,
  kind text NOT NULL,
  at timestamptz NOT NULL,
  data jsonb NOT NULL,
  cause jsonb NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE FUNCTION automation_cause() RETURNS jsonb LANGUAGE sql STABLE AS $fn$
  SELECT NULLIF(current_setting('leadforge.automation_cause', true), '')::jsonb
$fn$;

CREATE FUNCTION automation_wake(p_tenant text, p_at timestamptz) RETURNS void LANGUAGE sql VOLATILE AS $fn$
  INSERT INTO jobs (tenant_id, kind, key, payload, run_at, max_attempts, created_at)
  VALUES (p_tenant, 'automation.dispatch', 'tx:' || txid_current()::text, '{}'::jsonb, p_at, 25, p_at)
  ON CONFLICT (tenant_id, kind, key) WHERE key IS NOT NULL DO NOTHING
$fn$;

CREATE FUNCTION automation_inbox_from_event() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.record_id IS NULL OR NEW.object IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO automation_inbox (tenant_id, source, source_id, record_id, object, kind, at, data, cause)
  VALUES (NEW.tenant_id, 'event', NEW.id::text, NEW.record_id, NEW.object, NEW.type, NEW.at, NEW.data, automation_cause());
  PERFORM automation_wake(NEW.tenant_id, NEW.at);
  RETURN NULL;
END
$fn$;

CREATE FUNCTION automation_inbox_from_history() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.action NOT IN ('create', 'update', 'assign') THEN
    RETURN NULL;
  END IF;
  INSERT INTO automation_inbox (tenant_id, source, source_id, record_id, object, kind, at, data, cause)
  VALUES (NEW.tenant_id, 'history', NEW.id::text, NEW.record_id, NEW.object, NEW.action, NEW.at, NEW.changes,
    automation_cause());
  PERFORM automation_wake(NEW.tenant_id, NEW.at);
  RETURN NULL;
END
$fn$;

CREATE TRIGGER events_automation_inbox AFTER INSERT ON events
  FOR EACH ROW EXECUTE FUNCTION automation_inbox_from_event();
CREATE TRIGGER record_history_automation_inbox AFTER INSERT ON record_history
  FOR EACH ROW EXECUTE FUNCTION automation_inbox_from_history();

CREATE TABLE automation_runs (
  tenant_id text NOT NULL,
  id uuid NOT NULL,
  automation text NOT NULL,
  app_version int NOT NULL,
  object text NOT NULL,
  record_id uuid NULL,
  status text NOT NULL CHECK (status IN ('pending', 'waiting', 'done', 'failed', 'stopped')),
  trigger jsonb NOT NULL,
  condition jsonb NOT NULL,
  cause jsonb NOT NULL,
  depth int NOT NULL,
  steps jsonb NOT NULL,
  next_step int NOT NULL DEFAULT 0,
  reason text NULL,
  created_at timestamptz NOT NULL,
  resume_at timestamptz NULL,
  finished_at timestamptz NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX automation_runs_created_idx ON automation_runs (tenant_id, created_at DESC, id);
CREATE INDEX automation_runs_record_idx ON automation_runs (tenant_id, record_id, automation, created_at);
CREATE INDEX automation_runs_automation_idx ON automation_runs (tenant_id, automation, created_at DESC);

CREATE TABLE lists (
  tenant_id text NOT NULL,
  id text NOT NULL,
  object text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE list_members (
  tenant_id text NOT NULL,
  list_id text NOT NULL,
  record_id uuid NOT NULL,
  added_at timestamptz NOT NULL,
  added_by jsonb NULL,
  PRIMARY KEY (tenant_id, list_id, record_id)
);
CREATE INDEX list_members_record_idx ON list_members (tenant_id, record_id);

CREATE FUNCTION automation_task_due() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.status = 'open' AND NEW.due_at IS NOT NULL
    AND (TG_OP = 'INSERT' OR OLD.due_at IS DISTINCT FROM NEW.due_at OR OLD.status IS DISTINCT FROM NEW.status) THEN
    INSERT INTO jobs (tenant_id, kind, key, payload, run_at, max_attempts, created_at)
    VALUES (NEW.tenant_id, 'automation.task-due', NEW.id::text || '@' || to_char(NEW.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS'),
      jsonb_build_object('taskId', NEW.id, 'dueAt', NEW.due_at), NEW.due_at, 25, NEW.updated_at)
    ON CONFLICT (tenant_id, kind, key) WHERE key IS NOT NULL DO NOTHING;
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER tasks_automation_due AFTER INSERT OR UPDATE ON tasks
  FOR EACH ROW EXECUTE FUNCTION automation_task_due();
`,
};
