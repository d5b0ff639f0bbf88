/** How a script tag asked for a form: `<script src=".../embed.js" data-form="contact-us" …>`. */
export interface EmbedConfig {
  readonly form: string;
  readonly tenant: string;
  readonly lang: string | null;
  /**
   * `script` (default) mounts the form in the host page; `iframe` puts the form page in an iframe that resizes;
   * `page` and `framed` are the server's own form page, standalone and inside an iframe.
   */
  readonly mode: 'script' | 'iframe' | 'page' | 'framed';
  /** A CSS selector of the element to mount into; by default a new element right after the script. */
  readonly target: string | null;
  /** The Leadforge server the script came from. */
  readonly origin: string;
}

const MODES = new Set(['script', 'iframe', 'page', 'framed']);

/** Reads the script tag's data attributes, or says which one is wrong. */
export function embedConfigOf(
  dataset: Readonly<Record<string, string | undefined>>,
  scriptSrc: string,
): EmbedConfig | { readonly problem: string } {
  const form = dataset['form']?.trim();
  if (!form) return { problem: 'add data-form="<form name>" to the Leadforge embed script' };
  const mode = dataset['mode']?.trim() || 'script';
  if (!MODES.has(mode)) return { problem: `data-mode must be "script" or "iframe", not "${mode}"` };
  return {
    form,
    tenant: dataset['tenant']?.trim() || 'default',
    lang: dataset['lang']?.trim() || null,
    mode: mode as EmbedConfig['mode'],
    target: dataset['target']?.trim() || null,
    origin: new URL(scriptSrc).origin,
  };
}
