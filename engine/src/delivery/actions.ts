import type { Label } from '../compile/types.js';
import { LeadforgeError } from '../errors/types.js';
import type { ChannelConfigSchema, DeliveryMessage } from './types.js';

/** What an automation step hands a plugin action: the event and the record it concerns. */
export interface ActionInput {
  readonly event: string;
  /** ISO time of the event. */
  readonly occurredAt: string;
  /** Stable per step and event, so a replanned step yields the same message ids. */
  readonly messageId: string;
  readonly record: Readonly<Record<string, unknown>>;
  /** The locale labels are rendered in. */
  readonly locale: string;
}

/** A message an action wants sent, through one of the tenant's delivery endpoints. */
export interface PlannedDelivery {
  readonly endpointId: string;
  readonly message: DeliveryMessage;
}

/**
 * An automation action contributed by a plugin. Every delivery action is an effect (STYLE
 * lesson 6): its plan is written to the outbox in the capture's transaction and sent after
 * commit. `configSchema` is the step's configuration, validated at publish.
 */
export interface ActionDefinition<Config = Readonly<Record<string, unknown>>> {
  /** `<plugin>.<verb>`, e.g. `dingtalk.notify`. */
  readonly name: string;
  readonly label: Label;
  readonly phase: 'effect';
  readonly configSchema: ChannelConfigSchema;
  /** Pure: the deliveries this step makes for this input. */
  plan(config: Config, input: ActionInput): readonly PlannedDelivery[];
}

export type AnyAction = ActionDefinition;

/** Erases an action's configuration type for a registry. */
export function defineAction<Config>(action: ActionDefinition<Config>): AnyAction {
  return action as unknown as AnyAction;
}

export interface ActionRegistry {
  /** Throws CONFLICT when the name is taken, INVALID when it is malformed. */
  register(action: AnyAction): void;
  get(name: string): AnyAction | undefined;
  has(name: string): boolean;
  names(): readonly string[];
}

const NAME = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;

/** Throws INVALID unless the name is `<plugin>.<verb>` in lower case. */
export function checkActionName(name: string): void {
  if (!NAME.test(name) || name.length > 64) {
    throw new LeadforgeError(
      'INVALID',
      `action name ${JSON.stringify(name)} must look like "plugin.verb" (lower case)`,
    );
  }
}

export function createActionRegistry(actions: readonly AnyAction[] = []): ActionRegistry {
  const byName = new Map<string, AnyAction>();
  const registry: ActionRegistry = {
    register(action) {
      checkActionName(action.name);
      if (byName.has(action.name))
        throw new LeadforgeError('CONFLICT', `action "${action.name}" is already registered`);
      byName.set(action.name, action);
    },
    get: (name) => byName.get(name),
    has: (name) => byName.has(name),
    names: () => [...byName.keys()],
  };
  for (const action of actions) registry.register(action);
  return registry;
}

/** A label in `locale`, else English, else its first text. */
export function labelText(label: Label, locale: string): string {
  return label[locale] ?? label['en'] ?? Object.values(label)[0] ?? '';
}

/**
 * Fills `{{field}}` placeholders from a record (missing fields become empty). Values are
 * inserted as text, never evaluated; placeholders name plain fields only.
 */
export function fillTemplate(template: string, record: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, field: string) => {
    const value = Object.hasOwn(record, field) ? record[field] : undefined;
    if (value === undefined || value === null) return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}
