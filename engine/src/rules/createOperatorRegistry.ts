import { LeadforgeError } from '../errors/types.js';
import { builtinOperatorsPlugin } from '../plugins/builtin/index.js';
import { installPlugins } from '../plugins/installPlugins.js';
import { customOperatorEntry } from './customOperatorEntry.js';
import { standardOperators } from './operators.js';
import type { OperatorEntry, OperatorRegistry } from './types.js';

export interface OperatorRegistryOptions {
  /** Install the built-in plugin (freemail, domain, daysSince, contains, startsWith, between); default true. */
  readonly builtins?: boolean;
}

/**
 * The operators rules may use: every JSON Logic operation (operators.ts) plus, by default, the built-in
 * plugin's. Extensions register typed entries; a taken name throws, as ajv does for keywords.
 */
export function createOperatorRegistry(options: OperatorRegistryOptions = {}): OperatorRegistry {
  const entries = new Map<string, OperatorEntry>(Object.entries(standardOperators));
  const registry: OperatorRegistry = {
    register(name, operator) {
      const entry = customOperatorEntry(name, operator);
      if (entries.has(name)) throw new LeadforgeError('CONFLICT', `operator "${name}" is already registered`);
      entries.set(name, entry);
    },
    get: (name) => entries.get(name),
    has: (name) => entries.has(name),
    names: () => [...entries.keys()],
  };
  if (options.builtins !== false) installPlugins({ operators: registry }, [builtinOperatorsPlugin]);
  return registry;
}
