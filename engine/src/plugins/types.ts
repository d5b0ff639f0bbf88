import type { ActionRegistry, AnyAction } from '../delivery/actions.js';
import type { ChannelRegistry } from '../delivery/channelRegistry.js';
import type { AnyChannel } from '../delivery/types.js';
import type { OperatorRegistry, RuleOperator } from '../rules/types.js';

/**
 * What a plugin's `setup` may do. `installPlugins` always provides every method; the channel and
 * action methods are optional in the type only so that hand-made operator-only apis (the rules
 * reference tests) still type-check.
 */
export interface PluginApi {
  /** Adds a rule operator; a name already taken (by JSON Logic or another plugin) fails the install. */
  registerOperator(name: string, operator: RuleOperator): void;
  /**
   * Adds a delivery channel (webhook, email, robots). Its config schema is validated when an
   * endpoint is saved or a package published; fields marked `writeOnly: true` are secrets,
   * sealed at rest and never returned (issue 5). A taken name fails the install.
   */
  registerChannel?(channel: AnyChannel): void;
  /** Adds an automation action (`plugin.verb`) whose plan goes to the outbox; a taken name fails the install. */
  registerAction?(action: AnyAction): void;
}

/** A plugin: a validated manifest plus one synchronous `setup(api)`. */
export interface LeadforgePlugin {
  /** npm-style package name, e.g. "leadforge-plugin-wecom" or "@acme/leadforge-geo". */
  readonly name: string;
  /** Semantic version, e.g. "1.2.0". */
  readonly version: string;
  setup(api: PluginApi): void;
}

/** The registries plugins install into. A host without channels or actions refuses plugins that add them. */
export interface PluginHost {
  readonly operators: OperatorRegistry;
  readonly channels?: ChannelRegistry;
  readonly actions?: ActionRegistry;
}
