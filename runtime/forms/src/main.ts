import { embedConfigOf } from './embed/embedConfig.js';
import { embedIframe } from './embed/embedIframe.js';
import { mountForm } from './embed/mountForm.js';
import css from './styles.css?inline';

/**
 * The one script behind every way to show a form: `<script src="…/embed.js" data-form="…">` mounts it in the host
 * page (in a shadow root, so neither page's styles leak into the other), `data-mode="iframe"` frames the form page,
 * and the server's form page loads it with `data-mode="page"` or `"framed"`.
 */
function boot(script: HTMLScriptElement | null): void {
  if (!script?.src) {
    console.error('Leadforge: load embed.js with a plain <script src> tag (not a module), so it can find its settings');
    return;
  }
  const config = embedConfigOf(script.dataset, script.src);
  if ('problem' in config) {
    console.error(`Leadforge: ${config.problem}`);
    return;
  }
  const target = config.target ? document.querySelector(config.target) : null;
  if (config.target && !target) {
    console.error(`Leadforge: no element matches data-target="${config.target}"`);
    return;
  }
  const place = (element: HTMLElement) => (target ? target.append(element) : script.after(element));
  if (config.mode === 'iframe') {
    embedIframe(place, config);
    return;
  }
  if (config.mode === 'page' || config.mode === 'framed') {
    mountForm(target ?? document.body, config, css);
    return;
  }
  const host = document.createElement('div');
  host.className = 'leadforge-form';
  host.setAttribute('data-leadforge-form', config.form);
  place(host);
  mountForm(host.attachShadow({ mode: 'open' }), config, css);
}

boot(document.currentScript as HTMLScriptElement | null);
