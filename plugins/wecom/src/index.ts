import { definePlugin } from '../../../engine/src/plugins/index.js';
import { wecomNotifyAction } from './wecomAction.js';
import { wecomChannel } from './wecomChannel.js';

export { wecomNotifyAction } from './wecomAction.js';
export { type WecomConfig, wecomChannel, wecomConfigSchema } from './wecomChannel.js';
export { type WecomFormat, type WecomMessage, wecomMessage } from './wecomMessage.js';

/** WeCom (企业微信) group robots as a delivery channel and an automation action. */
export const wecomPlugin = definePlugin({
  name: '@leadforge/plugin-wecom',
  version: '0.1.0',
  setup(api) {
    api.registerChannel!(wecomChannel);
    api.registerAction!(wecomNotifyAction);
  },
});
