import { definePlugin } from '../../../engine/src/plugins/index.js';
import { emailSendAction } from './emailAction.js';
import { emailChannel } from './emailChannel.js';

export { emailSendAction } from './emailAction.js';
export { type EmailConfig, emailChannel, emailConfigSchema } from './emailChannel.js';

/** Email through SMTP as a delivery channel and an automation action. */
export const emailPlugin = definePlugin({
  name: '@leadforge/plugin-email',
  version: '0.1.0',
  setup(api) {
    api.registerChannel!(emailChannel);
    api.registerAction!(emailSendAction);
  },
});
