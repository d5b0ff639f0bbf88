// The built-in `domain` operator's first implementation (slices and a scan), kept as the specification
// the index-based domainOf (engine/src/plugins/builtin/domainOf.ts) is checked against.
const MAX_INPUT = 2048;

/**
 * A host of at least two labels (letters, digits, hyphens or non-ASCII) that is not an IP, lower-cased;
 * null otherwise. One pass over the characters.
 */
function validDomain(host: string): string | null {
  const length = host.length;
  if (length === 0 || length > 253) return null;
  let labels = 1;
  let labelStart = 0;
  let allNumeric = true;
  let upper = false;
  for (let i = 0; i <= length; i++) {
    const code = i === length ? 46 : host.charCodeAt(i);
    if (code === 46) {
      const size = i - labelStart;
      if (size === 0 || size > 63 || host.charCodeAt(labelStart) === 45 || host.charCodeAt(i - 1) === 45) return null;
      if (i < length) labels++;
      labelStart = i + 1;
    } else if ((code >= 97 && code <= 122) || code === 45 || code > 127) {
      allNumeric = false;
    } else if (code >= 65 && code <= 90) {
      allNumeric = false;
      upper = true;
    } else if (code < 48 || code > 57) {
      return null;
    }
  }
  if (labels < 2 || allNumeric) return null;
  return upper ? host.toLowerCase() : host;
}

function isSpace(code: number): boolean {
  return code <= 32 || code === 0xa0 || code === 0x3000 || code === 0xfeff;
}

/**
 * The lower-case domain of an email address (`ann@Acme.com` → `acme.com`) or of a URL or bare host
 * (`https://www.acme.com/pricing` → `acme.com`; a leading `www.` is dropped); null when there is none.
 */
export function referenceDomainOf(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_INPUT) return null;
  const text = isSpace(value.charCodeAt(0)) || isSpace(value.charCodeAt(value.length - 1)) ? value.trim() : value;
  const scheme = text.indexOf('://');
  let host: string;
  if (scheme === -1 && text.includes('@')) {
    host = text.slice(text.lastIndexOf('@') + 1);
  } else {
    const start = scheme === -1 ? 0 : scheme + 3;
    let end = text.length;
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code === 47 || code === 63 || code === 35) end = i; // / ? #
    }
    host = text.slice(start, end);
    host = host.slice(host.lastIndexOf('@') + 1); // user:password@host
    const port = host.lastIndexOf(':');
    if (port !== -1) host = host.slice(0, port);
    if (host.length > 4 && host.slice(0, 4).toLowerCase() === 'www.') host = host.slice(4);
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  return validDomain(host);
}
