export { builtinOperatorsPlugin } from './builtin/index.js';
export { definePlugin } from './definePlugin.js';
export { installPlugins } from './installPlugins.js';
export type { LeadforgePlugin, PluginApi, PluginHost } from './types.js';
