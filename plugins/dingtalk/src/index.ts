import { definePlugin } from '../../../engine/src/plugins/index.js';
import { dingtalkNotifyAction } from './dingtalkAction.js';
import { dingtalkChannel } from './dingtalkChannel.js';

export { dingtalkNotifyAction } from './dingtalkAction.js';
export { type DingtalkConfig, dingtalkChannel, dingtalkConfigSchema } from './dingtalkChannel.js';
export { type DingtalkAt, type DingtalkFormat, type DingtalkMessage, dingtalkMessage } from './dingtalkMessage.js';
export { dingtalkSignature, signedDingtalkUrl } from './dingtalkSign.js';

/** DingTalk (钉钉) group robots, signed (加签), as a delivery channel and an automation action. */
export const dingtalkPlugin = definePlugin({
  name: '@leadforge/plugin-dingtalk',
  version: '0.1.0',
  setup(api) {
    api.registerChannel!(dingtalkChannel);
    api.registerAction!(dingtalkNotifyAction);
  },
});
