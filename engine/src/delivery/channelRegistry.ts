import { LeadforgeError } from '../errors/types.js';
import type { AnyChannel } from './types.js';

/** The channels a runtime knows, by name (one table; plugins add rows). */
export interface ChannelRegistry {
  /** Throws CONFLICT when the name is taken, INVALID when it is malformed. */
  register(channel: AnyChannel): void;
  get(name: string): AnyChannel | undefined;
  has(name: string): boolean;
  names(): readonly string[];
}

const NAME = /^[a-z][a-z0-9-]{0,39}$/;

/** Throws INVALID unless the channel's name is lower-case letters, digits and dashes. */
export function checkChannelName(name: string): void {
  if (!NAME.test(name)) {
    throw new LeadforgeError(
      'INVALID',
      `channel name ${JSON.stringify(name)} must be lower-case letters, digits and -`,
    );
  }
}

export function createChannelRegistry(channels: readonly AnyChannel[] = []): ChannelRegistry {
  const byName = new Map<string, AnyChannel>();
  const registry: ChannelRegistry = {
    register(channel) {
      checkChannelName(channel.name);
      if (byName.has(channel.name))
        throw new LeadforgeError('CONFLICT', `channel "${channel.name}" is already registered`);
      byName.set(channel.name, channel);
    },
    get: (name) => byName.get(name),
    has: (name) => byName.has(name),
    names: () => [...byName.keys()],
  };
  for (const channel of channels) registry.register(channel);
  return registry;
}
