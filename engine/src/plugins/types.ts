import type { OperatorRegistry, RuleOperator } from '../rules/types.js';

/** What a plugin's `setup` may do. Later issues add actions and channels to this same api. */
export interface PluginApi {
  /** Adds a rule operator; a name already taken (by JSON Logic or another plugin) fails the install. */
  registerOperator(name: string, operator: RuleOperator): void;
}

/** A plugin: a validated manifest plus one synchronous `setup(api)`. */
export interface LeadforgePlugin {
  /** npm-style package name, e.g. "leadforge-plugin-wecom" or "@acme/leadforge-geo". */
  readonly name: string;
  /** Semantic version, e.g. "1.2.0". */
  readonly version: string;
  setup(api: PluginApi): void;
}

/** The registries plugins install into. */
export interface PluginHost {
  readonly operators: OperatorRegistry;
}
