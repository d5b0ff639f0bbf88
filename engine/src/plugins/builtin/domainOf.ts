const MAX_INPUT = 2048;

/** True for a host name of at least two labels (letters, digits, hyphens or non-ASCII) that is not an IP. */
function isDomain(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  const labels = host.split('.');
  if (labels.length < 2) return false;
  let allNumeric = true;
  for (const label of labels) {
    if (label.length === 0 || label.length > 63 || label.startsWith('-') || label.endsWith('-')) return false;
    for (const char of label) {
      const code = char.codePointAt(0)!;
      const ok = (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45 || code > 127;
      if (!ok) return false;
      if (code < 48 || code > 57) allNumeric = false;
    }
  }
  return !allNumeric;
}

/**
 * The lower-case domain of an email address (`ann@Acme.com` → `acme.com`) or of a URL or bare host
 * (`https://www.acme.com/pricing` → `acme.com`; a leading `www.` is dropped); null when there is none.
 */
export function domainOf(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_INPUT) return null;
  let text = value.trim().toLowerCase();
  const scheme = text.indexOf('://');
  if (scheme === -1 && text.includes('@')) {
    text = text.slice(text.lastIndexOf('@') + 1);
  } else {
    if (scheme !== -1) text = text.slice(scheme + 3);
    let end = text.length;
    for (const stop of ['/', '?', '#']) {
      const at = text.indexOf(stop);
      if (at !== -1 && at < end) end = at;
    }
    text = text.slice(0, end);
    text = text.slice(text.lastIndexOf('@') + 1); // user:password@host
    const port = text.lastIndexOf(':');
    if (port !== -1) text = text.slice(0, port);
    if (text.startsWith('www.')) text = text.slice(4);
  }
  if (text.endsWith('.')) text = text.slice(0, -1);
  return isDomain(text) ? text : null;
}
