import { parseDurationMs } from '../calendar/parseDuration.js';
import type { AppAutomations, CompiledAutomation, InboxItem, TriggerMatch } from './types.js';

type Change = { readonly from?: unknown; readonly to?: unknown };

function changeOf(item: InboxItem, field: string): Change | undefined {
  return item.source === 'history' ? (item.data[field] as Change | undefined) : undefined;
}

/** Deep equality for JSON values (field values in changes and trigger filters). */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function fieldChanged(item: InboxItem, field: string): boolean {
  if (item.kind === 'create') return item.data[field] !== undefined && (item.data[field] as Change).to != null;
  return Object.hasOwn(item.data, field);
}

function timeOf(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? null : ms;
}

type Match = Omit<TriggerMatch, 'automation'>;

function matchOne(a: CompiledAutomation, item: InboxItem, stageField: string, at: string): Match | null {
  const t = a.trigger;
  const base: Match = {
    facts: { type: t.type, source: item.source, sourceId: item.sourceId, kind: item.kind, at },
    runAt: item.at,
    event: item.source === 'event' ? item.data : null,
  };
  switch (t.type) {
    case 'record.created':
    case 'event':
    case 'task.overdue':
      return base;
    case 'record.updated': {
      const fields = t.fields ?? Object.keys(item.data);
      const changed = fields.filter((f) => Object.hasOwn(item.data, f));
      if (changed.length === 0) return null;
      const one = t.fields?.length === 1 ? changeOf(item, t.fields[0]!) : undefined;
      if (t.from !== undefined && !sameJson(one?.from, t.from)) return null;
      if (t.to !== undefined && !sameJson(one?.to, t.to)) return null;
      return { ...base, facts: { ...base.facts, detail: { fields: changed } } };
    }
    case 'stage.entered':
    case 'stage.exited': {
      const change = changeOf(item, stageField);
      if (!change) return null;
      const side = t.type === 'stage.entered' ? change.to : change.from;
      if (side !== t.stage) return null;
      return { ...base, facts: { ...base.facts, detail: { from: change.from ?? null, to: change.to ?? null } } };
    }
    case 'score.changed': {
      if (t.grade !== undefined && item.data['toGrade'] !== t.grade) return null;
      if (t.mql === true && item.data['becameMql'] !== true) return null;
      if (t.mql === false && item.data['becameMql'] === true) return null;
      return base;
    }
    case 'form.submitted':
      return item.data['form'] === t.form ? base : null;
    case 'sla.breached':
      return t.sla === undefined || item.data['sla'] === t.sla ? base : null;
    case 'event.after':
      return { ...base, runAt: new Date(item.at.getTime() + parseDurationMs(t.delay)) };
    case 'field.after':
    case 'field.at': {
      if (!fieldChanged(item, t.field)) return null;
      const value = changeOf(item, t.field)?.to;
      const due = timeOf(value);
      if (due === null) return null;
      const runAt = new Date(t.type === 'field.after' ? due + parseDurationMs(t.delay) : due);
      return { ...base, runAt, guard: { field: t.field, value } };
    }
    case 'schedule':
      return null;
  }
}

/**
 * The automations one inbox item starts, before conditions: the index narrows them to those
 * listening to the item's kind on its object, then each trigger's own filter (fields, from/to,
 * stage, grade, form) decides. Time-based triggers answer a later `runAt`.
 */
export function matchTriggers(automations: AppAutomations, item: InboxItem): TriggerMatch[] {
  const matches: TriggerMatch[] = [];
  const candidates = automations.candidates(item.source, item.object, item.kind);
  if (candidates.length === 0) return matches;
  const stageField = automations.stageField(item.object);
  const at = item.at.toISOString();
  for (const automation of candidates) {
    const m = matchOne(automation, item, stageField, at);
    if (m) matches.push({ automation, ...m });
  }
  return matches;
}
