import { type AnyAction, checkActionName } from '../delivery/actions.js';
import { checkChannelName } from '../delivery/channelRegistry.js';
import type { AnyChannel } from '../delivery/types.js';
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

function stageNamed<T>(
  plugin: LeadforgePlugin,
  what: 'channel' | 'action',
  staged: Map<string, T>,
  registry: { has(name: string): boolean } | undefined,
  name: string,
  entry: T,
  checkName: (name: string) => void,
): void {
  if (!registry) throw new LeadforgeError('INVALID', `plugin "${plugin.name}": this host does not accept ${what}s`);
  try {
    checkName(name);
  } catch (error) {
    if (error instanceof LeadforgeError)
      throw new LeadforgeError(error.code, `plugin "${plugin.name}": ${error.message}`);
    throw error;
  }
  if (staged.has(name) || registry.has(name)) {
    throw new LeadforgeError('CONFLICT', `plugin "${plugin.name}": ${what} "${name}" is already registered`);
  }
  staged.set(name, entry);
}

function installPlugin(host: PluginHost, plugin: LeadforgePlugin): void {
  const operators = new Map<string, RuleOperator>();
  const channels = new Map<string, AnyChannel>();
  const actions = new Map<string, AnyAction>();
  let open = true;
  const assertOpen = (method: string) => {
    if (!open) throw new LeadforgeError('INVALID', `plugin "${plugin.name}": ${method} after setup returned`);
  };
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
    registerChannel(channel: AnyChannel) {
      assertOpen('registerChannel');
      stageNamed(plugin, 'channel', channels, host.channels, channel?.name, channel, checkChannelName);
    },
    registerAction(action: AnyAction) {
      assertOpen('registerAction');
      stageNamed(plugin, 'action', actions, host.actions, action?.name, action, checkActionName);
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
  for (const channel of channels.values()) host.channels?.register(channel);
  for (const action of actions.values()) host.actions?.register(action);
}
