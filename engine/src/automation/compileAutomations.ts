import type { CompiledApp } from '../compile/types.js';
import type { AutomationDefinition } from '../package/schemas/index.js';
import { compileRule } from '../rules/compileRule.js';
import type { CompiledRule, OperatorRegistry } from '../rules/types.js';
import type { AppAutomations, CompiledAutomation, InboxItem } from './types.js';

/** The inbox kinds (history actions or event types) each trigger type listens to; `*` = any event. */
function listensTo(a: CompiledAutomation): readonly [InboxItem['source'], string][] {
  const t = a.trigger;
  switch (t.type) {
    case 'record.created':
      return [['history', 'create']];
    case 'record.updated':
    case 'stage.entered':
    case 'stage.exited':
      return [
        ['history', 'update'],
        ['history', 'assign'],
      ];
    case 'field.after':
    case 'field.at':
      return [
        ['history', 'create'],
        ['history', 'update'],
      ];
    case 'score.changed':
      return [['event', 'score.crossed']];
    case 'event':
    case 'event.after':
      return [['event', t.event]];
    case 'form.submitted':
      return [['event', 'form.submitted']];
    case 'sla.breached':
      return [['event', 'sla.breached']];
    case 'task.overdue':
      return [['event', 'task.overdue']];
    case 'schedule':
      return [];
  }
}

function compileOrThrow(rule: unknown, registry: OperatorRegistry, where: string): CompiledRule {
  const compiled = compileRule(rule, registry);
  if (!compiled.ok)
    throw new Error(`${where}: ${compiled.problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}`);
  return compiled;
}

/** The time zone of the app's `default` calendar, else its first calendar, else UTC. */
function appTimeZone(app: CompiledApp): string {
  const calendars = (app.files['app.json'] as { calendars?: Record<string, { timeZone: string }> } | undefined)
    ?.calendars;
  if (!calendars) return 'UTC';
  return (calendars['default'] ?? Object.values(calendars)[0])?.timeZone ?? 'UTC';
}

function stageFields(app: CompiledApp): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [file, value] of Object.entries(app.files)) {
    if (!file.startsWith('pipelines/')) continue;
    const p = value as { object: string; field?: string };
    if (!fields.has(p.object)) fields.set(p.object, p.field ?? 'stage');
  }
  return fields;
}

/**
 * Compiles every automation of a published app once: conditions and computed values to rule
 * functions, and an index from (source, object, kind) to the automations that may match, so an
 * inbox item only meets the few automations that listen to it (docs/automation.md).
 */
export function compileAutomations(app: CompiledApp, registry: OperatorRegistry): AppAutomations {
  const all: CompiledAutomation[] = [];
  const files = Object.keys(app.files)
    .filter((f) => f.startsWith('automations/') && f.endsWith('.json'))
    .sort();
  for (const file of files) {
    const definition = app.files[file] as AutomationDefinition;
    const computed = new Map<number, CompiledRule>();
    definition.actions.forEach((action, i) => {
      if (action.type === 'compute-field')
        computed.set(i, compileOrThrow(action.rule, registry, `${file}/actions/${i}`));
    });
    all.push({
      id: definition.id,
      file,
      object: definition.object,
      enabled: definition.enabled !== false,
      trigger: definition.trigger,
      actions: definition.actions,
      definition,
      condition:
        definition.conditions === undefined
          ? null
          : compileOrThrow(definition.conditions, registry, `${file}/conditions`),
      computed,
    });
  }
  const index = new Map<string, CompiledAutomation[]>();
  for (const a of all) {
    if (!a.enabled) continue;
    for (const [source, kind] of listensTo(a)) {
      const key = `${source}\u0000${a.object}\u0000${kind}`;
      const list = index.get(key) ?? [];
      list.push(a);
      index.set(key, list);
    }
  }
  const byId = new Map(all.map((a) => [a.id, a]));
  const stages = stageFields(app);
  const none: readonly CompiledAutomation[] = [];
  return {
    all,
    byId: (id) => byId.get(id),
    candidates: (source, object, kind) => index.get(`${source}\u0000${object}\u0000${kind}`) ?? none,
    stageField: (object) => stages.get(object) ?? 'stage',
    timeZone: appTimeZone(app),
  };
}
