import { frameMessageOf } from '../model/frameMessages.js';
import { frameSrc } from '../model/frameSrc.js';
import { safeRedirectUrl } from '../model/safeRedirectUrl.js';
import type { EmbedConfig } from './embedConfig.js';

/**
 * The host side of the iframe embed: an iframe of the form page carrying this page's UTM parameters, address
 * and referrer, resized to the form's height and following its thank-you redirect. Only messages from that
 * frame and the Leadforge origin are heard.
 */
export function embedIframe(place: (element: HTMLElement) => void, config: EmbedConfig): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.src = frameSrc({
    origin: config.origin,
    form: config.form,
    tenant: config.tenant,
    lang: config.lang,
    hostHref: location.href,
    hostReferrer: document.referrer,
  });
  frame.title = config.form;
  frame.style.cssText = 'display:block;width:100%;height:640px;border:0;overflow:hidden;';
  frame.setAttribute('data-leadforge-form', config.form);
  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || event.origin !== config.origin) return;
    const message = frameMessageOf(event.data, config.form);
    if (message?.type === 'leadforge:height') frame.style.height = `${message.height}px`;
    if (message?.type === 'leadforge:redirect') {
      const url = safeRedirectUrl(message.url, location.href);
      if (url) location.assign(url);
    }
  });
  place(frame);
  return frame;
}
