import type { Migration } from './types.js';

/**
 * Migration 15 (issue 3, import speed): the automation inbox is filled once per statement instead
 * of once per row. The triggers of migration 10 ran a PL/pgSQL function for every `events` and
 * `record_history` row — one inbox insert and one `automation.dispatch` job upsert each — which a
 * bulk write (a 1,000-row import batch writes 2,000 such rows) paid row by row. These statement
 * triggers read the statement's inserted rows (a transition table) and write the same inbox rows
 * in one set-wise insert, in the order the rows were inserted, then wake the dispatcher once per
 * tenant (the job keyed by the transaction id, as before; due at the earliest row's time). What
 * lands in the inbox is unchanged: every event of a record, every `create`, `update` and `assign`
 * history row, with the automation cause of the writing transaction.
 */
export const automationInboxSetWise: Migration = {
  version: 15,
  name: 'automation-inbox-set-wise',
  sql: `
DROP TRIGGER events_automation_inbox ON events;
DROP TRIGGER record_history_automation_inbox ON record_history;

CREATE FUNCTION automation_inbox_from_events() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO automation_inbox (tenant_id, source, source_id, record_id, object, kind, at, data, cause)
  SELECT n.tenant_id, 'event', n.id::text, n.record_id, n.object, n.type, n.at, n.data, automation_cause()
    FROM inserted_events n WHERE n.record_id IS NOT NULL AND n.object IS NOT NULL;
  PERFORM automation_wake(n.tenant_id, min(n.at))
     FROM inserted_events n WHERE n.record_id IS NOT NULL AND n.object IS NOT NULL GROUP BY n.tenant_id;
  RETURN NULL;
END
$fn$;

CREATE FUNCTION automation_inbox_from_histories() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO automation_inbox (tenant_id, source, source_id, record_id, object, kind, at, data, cause)
  SELECT n.tenant_id, 'history', n.id::text, n.record_id, n.object, n.action, n.at, n.changes, automation_cause()
    FROM inserted_history n WHERE n.action IN ('create', 'update', 'assign');
  PERFORM automation_wake(n.tenant_id, min(n.at))
     FROM inserted_history n WHERE n.action IN ('create', 'update', 'assign') GROUP BY n.tenant_id;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER events_automation_inbox AFTER INSERT ON events
  REFERENCING NEW TABLE AS inserted_events
  FOR EACH STATEMENT EXECUTE FUNCTION automation_inbox_from_events();
CREATE TRIGGER record_history_automation_inbox AFTER INSERT ON record_history
  REFERENCING NEW TABLE AS inserted_history
  FOR EACH STATEMENT EXECUTE FUNCTION automation_inbox_from_histories();

DROP FUNCTION automation_inbox_from_event();
DROP FUNCTION automation_inbox_from_history();
`,
};
