import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { formsApi } from '../api/formsApi.js';
import { LeadForm } from '../components/LeadForm.js';
import { pageContext } from '../model/pageContext.js';
import type { EmbedConfig } from './embedConfig.js';
import { reportFrameHeight } from './reportFrameHeight.js';

/**
 * Renders the form into `container`: the hosted page's element, or the shadow root the script embed made in the
 * host page. Attribution is read from the window the visitor is on (see pageContext).
 */
export function mountForm(container: Element | ShadowRoot, config: EmbedConfig, css: string): void {
  const mode = config.mode === 'framed' ? 'framed' : config.mode === 'page' ? 'page' : 'script';
  const style = document.createElement('style');
  style.textContent = css;
  const mountPoint = document.createElement('div');
  if (container instanceof ShadowRoot) container.append(style, mountPoint);
  else {
    document.head.append(style);
    container.append(mountPoint);
  }
  // The form's own page reads ?lang=; a host page's query belongs to the host, so the script embed reads data-lang.
  const requested = mode === 'script' ? config.lang : (new URL(location.href).searchParams.get('lang') ?? config.lang);
  const redirect = (url: string) => {
    if (mode !== 'framed') {
      location.assign(url);
      return;
    }
    window.parent.postMessage({ type: 'leadforge:redirect', form: config.form, url }, '*');
  };
  const onLocale =
    mode === 'script'
      ? undefined
      : (locale: string, title: string) => {
          document.documentElement.lang = locale;
          document.title = title;
        };
  if (mode === 'framed') reportFrameHeight(config.form);
  createRoot(mountPoint).render(
    <StrictMode>
      <LeadForm
        api={formsApi(config.origin)}
        form={config.form}
        tenant={config.tenant}
        requestedLocale={requested}
        page={pageContext(mode, location.href, document.referrer)}
        baseUrl={location.href}
        redirect={redirect}
        {...(onLocale ? { onLocale } : {})}
      />
    </StrictMode>,
  );
}
