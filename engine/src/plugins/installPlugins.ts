import { LeadforgeError } from '../errors/types.js';
import { customOperatorEntry } from '../rules/customOperatorEntry.js';
import type { RuleOperator } from '../rules/types.js';
import type { LeadforgePlugin, PluginApi, PluginHost } from './types.js';

/**
 * Runs each plugin's `setup` and applies what it registered. A plugin's registrations are checked and
 * staged, then applied together, so a plugin whose setup throws, or that reuses a taken name, changes
 * nothing. The api stops working once setup returns.
 */
export function installPlugins(host: PluginHost, plugins: readonly LeadforgePlugin[]): void {
  const seen = new Set<string>();
  for (const plugin of plugins) {
    if (seen.has(plugin.name)) throw new LeadforgeError('CONFLICT', `plugin "${plugin.name}" is listed twice`);
    seen.add(plugin.name);
    installPlugin(host, plugin);
  }
}

function installPlugin(host: PluginHost, plugin: LeadforgePlugin): void {
  const operators = new Map<string, RuleOperator>();
  let open = true;
  const api: PluginApi = Object.freeze({
    registerOperator(name: string, operator: RuleOperator) {
      if (!open) throw new LeadforgeError('INVALID', `plugin "${plugin.name}": registerOperator after setup returned`);
      if (operators.has(name) || host.operators.has(name)) {
        throw new LeadforgeError('CONFLICT', `plugin "${plugin.name}": operator "${name}" is already registered`);
      }
      try {
        customOperatorEntry(name, operator);
      } catch (error) {
        if (error instanceof LeadforgeError)
          throw new LeadforgeError(error.code, `plugin "${plugin.name}": ${error.message}`);
        throw error;
      }
      operators.set(name, operator);
    },
  });
  try {
    const returned: unknown = plugin.setup(api);
    if (returned instanceof Promise) {
      returned.catch(() => undefined);
      throw new LeadforgeError('INVALID', `plugin "${plugin.name}": setup must be synchronous`);
    }
  } finally {
    open = false;
  }
  // Every name and definition was checked while staging, so applying them cannot fail half-way.
  for (const [name, operator] of operators) host.operators.register(name, operator);
}
