import type { Migration } from './types.js';

/**
 * Migration 13 (issue 7, demo data): a transaction that sets `leadforge.seeding` to `on`
 * (`SELECT set_config('leadforge.seeding', 'on', true)`, transaction-local) writes history without
 * waking anything: the demo seeder writes a year of past leads, events and owners, and none of that
 * is news for automations (their inbox) or SLA clocks (`sla.start` jobs). The guards sit on the
 * tables that receive the work, not in the triggers that produce it, so they hold whatever those
 * triggers become (row or statement level); outside a seeding transaction the WHEN condition is
 * false and the row goes through untouched. The row-level producers of migrations 10 and 11 also
 * get a WHEN that skips them while seeding, so a seed does not pay a PL/pgSQL call per row for work
 * the guards would throw away (their bodies are unchanged).
 */
export const seedQuiet: Migration = {
  version: 13,
  name: 'seed-quiet',
  sql: `
CREATE FUNCTION seed_quiet_skip() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN NULL;
END
$fn$;

CREATE TRIGGER automation_inbox_seed_quiet BEFORE INSERT ON automation_inbox
  FOR EACH ROW WHEN (current_setting('leadforge.seeding', true) = 'on')
  EXECUTE FUNCTION seed_quiet_skip();
CREATE TRIGGER jobs_seed_quiet BEFORE INSERT ON jobs
  FOR EACH ROW WHEN (current_setting('leadforge.seeding', true) = 'on' AND NEW.kind IN ('automation.dispatch', 'sla.start'))
  EXECUTE FUNCTION seed_quiet_skip();

DROP TRIGGER events_automation_inbox ON events;
CREATE TRIGGER events_automation_inbox AFTER INSERT ON events
  FOR EACH ROW WHEN (current_setting('leadforge.seeding', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION automation_inbox_from_event();
DROP TRIGGER record_history_automation_inbox ON record_history;
CREATE TRIGGER record_history_automation_inbox AFTER INSERT ON record_history
  FOR EACH ROW WHEN (current_setting('leadforge.seeding', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION automation_inbox_from_history();
DROP TRIGGER records_sla_owner_inserted ON records;
CREATE TRIGGER records_sla_owner_inserted AFTER INSERT ON records
  FOR EACH ROW WHEN (NEW.owner_id IS NOT NULL AND current_setting('leadforge.seeding', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION sla_owner_assigned();
`,
};
