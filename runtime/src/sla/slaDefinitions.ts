import {
  type AppDefinition,
  type BusinessCalendar,
  type CompiledRule,
  compileRule,
  createOperatorRegistry,
  jsonLogicTruthy,
  type OperatorRegistry,
  type SlaDefinition,
} from '@leadforge/engine';
import type { PublishedApp } from '../apps/appRegistry.js';

/** The job kind that starts the SLA clocks of a record that just got an owner (enqueued by a trigger, migration 11). */
export const SLA_START_JOB = 'sla.start';

/** The job kind that runs when an SLA step falls due. */
export const SLA_CHECK_JOB = 'sla.check';

let registry: OperatorRegistry | undefined;
const conditions = new WeakMap<SlaDefinition, CompiledRule | null>();

function appDefinition(published: PublishedApp): AppDefinition {
  return published.app.files['app.json'] as AppDefinition;
}

/** The published app's follow-up SLAs. */
export function slasOf(published: PublishedApp): readonly SlaDefinition[] {
  return appDefinition(published).slas ?? [];
}

/** The calendar an SLA counts in, or undefined for wall-clock time. */
export function calendarOf(published: PublishedApp, sla: SlaDefinition): BusinessCalendar | undefined {
  if (sla.calendar === undefined) return undefined;
  return appDefinition(published).calendars?.[sla.calendar] as BusinessCalendar | undefined;
}

/** True when the SLA applies to a record with these fields (no `when` applies to every record). */
export function slaApplies(sla: SlaDefinition, data: Readonly<Record<string, unknown>>, now: Date): boolean {
  if (sla.when === undefined) return true;
  let rule = conditions.get(sla);
  if (rule === undefined) {
    registry ??= createOperatorRegistry();
    const compiled = compileRule(sla.when, registry);
    rule = compiled.ok ? compiled : null;
    conditions.set(sla, rule);
  }
  if (!rule) return false;
  const outcome = rule.evaluate(data, { now });
  return outcome.ok && jsonLogicTruthy(outcome.value);
}
