const MAX_INPUT = 2048;

/**
 * Whether text[start, end) is a host of at least two labels (letters, digits, hyphens or non-ASCII)
 * that is not an IP; `UPPER` when it also holds an upper-case ASCII letter. One pass, no allocation.
 */
const INVALID = 0;
const LOWER = 1;
const UPPER = 2;

function checkHost(text: string, start: number, end: number): number {
  const length = end - start;
  if (length === 0 || length > 253) return INVALID;
  let labels = 1;
  let labelStart = start;
  let allNumeric = true;
  let upper = false;
  for (let i = start; i <= end; i++) {
    const code = i === end ? 46 : text.charCodeAt(i);
    if (code === 46) {
      const size = i - labelStart;
      if (size === 0 || size > 63 || text.charCodeAt(labelStart) === 45 || text.charCodeAt(i - 1) === 45)
        return INVALID;
      if (i < end) labels++;
      labelStart = i + 1;
    } else if ((code >= 97 && code <= 122) || code === 45 || code > 127) {
      allNumeric = false;
    } else if (code >= 65 && code <= 90) {
      allNumeric = false;
      upper = true;
    } else if (code < 48 || code > 57) {
      return INVALID;
    }
  }
  if (labels < 2 || allNumeric) return INVALID;
  return upper ? UPPER : LOWER;
}

function isSpace(code: number): boolean {
  return code <= 32 || code === 0xa0 || code === 0x3000 || code === 0xfeff;
}

/** The last index in [stop, from] holding the character `code`, or -1 (a loop: String#lastIndexOf with a position is slow in V8). */
function lastCode(text: string, code: number, from: number, stop: number): number {
  for (let i = from; i >= stop; i--) if (text.charCodeAt(i) === code) return i;
  return -1;
}

/**
 * Where the domain of an email address, URL or bare host lies in `text` (see domainOf): sets
 * `span.start`/`span.end` and answers true, or false when there is no host to check. `text` is
 * already trimmed. Index arithmetic only: nothing is sliced until the answer is known to be valid.
 */
function hostSpan(text: string, span: { start: number; end: number }): boolean {
  const length = text.length;
  const scheme = text.indexOf('://');
  let start: number;
  let end = length;
  const at = scheme === -1 ? lastCode(text, 64, length - 1, 0) : -1; // @
  if (at !== -1) {
    start = at + 1;
  } else {
    start = scheme === -1 ? 0 : scheme + 3;
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code === 47 || code === 63 || code === 35) end = i; // / ? #
    }
    if (end > start) {
      const user = lastCode(text, 64, end - 1, start); // user:password@host
      if (user !== -1) start = user + 1;
      const port = end > start ? lastCode(text, 58, end - 1, start) : -1; // :
      if (port !== -1) end = port;
    }
    if (
      end - start > 4 &&
      (text.charCodeAt(start) | 0x20) === 119 &&
      (text.charCodeAt(start + 1) | 0x20) === 119 &&
      (text.charCodeAt(start + 2) | 0x20) === 119 &&
      text.charCodeAt(start + 3) === 46
    )
      start += 4; // www.
  }
  if (end > start && text.charCodeAt(end - 1) === 46) end--;
  span.start = start;
  span.end = end;
  return true;
}

const span = { start: 0, end: 0 };

/**
 * The lower-case domain of an email address (`ann@Acme.com` → `acme.com`) or of a URL or bare host
 * (`https://www.acme.com/pricing` → `acme.com`; a leading `www.` is dropped); null when there is none.
 */
export function domainOf(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_INPUT) return null;
  const text = isSpace(value.charCodeAt(0)) || isSpace(value.charCodeAt(value.length - 1)) ? value.trim() : value;
  hostSpan(text, span);
  const { start, end } = span;
  const kind = checkHost(text, start, end);
  if (kind === INVALID) return null;
  const host = start === 0 && end === text.length ? text : text.slice(start, end);
  return kind === UPPER ? host.toLowerCase() : host;
}

/**
 * A set of lower-case ASCII domains that can be asked whether it holds the domain of an email
 * address without building the domain string: a hash of the host's characters, lower-cased as
 * they are read, finds the candidates, compared in place. `undefined` when the address is not a
 * plain one (non-ASCII, spaces, a URL …): ask `has(domainOf(email))` then.
 */
export class AsciiDomainSet {
  private readonly buckets = new Map<number, string[]>();

  constructor(domains: Iterable<string>) {
    for (const domain of domains) {
      const hash = AsciiDomainSet.hash(domain, 0, domain.length);
      const list = this.buckets.get(hash);
      if (list) list.push(domain);
      else this.buckets.set(hash, [domain]);
    }
  }

  private static hash(text: string, start: number, end: number): number {
    let hash = 0;
    for (let i = start; i < end; i++) {
      let code = text.charCodeAt(i);
      if (code >= 65 && code <= 90) code += 32;
      hash = (Math.imul(hash, 31) + code) | 0;
    }
    return hash;
  }

  /**
   * Whether the host after the last `@` of a plain address (ASCII letters, digits, dots and hyphens;
   * no `://` before it) is in the set, its case ignored and one trailing dot dropped, as domainOf
   * reads it. Undefined when the address is not that plain.
   */
  hasEmailDomain(email: string): boolean | undefined {
    const length = email.length;
    if (length === 0 || length > MAX_INPUT) return undefined;
    const at = email.lastIndexOf('@');
    if (at === -1) return undefined;
    let end = length;
    let hash = 0;
    for (let i = at + 1; i < end; i++) {
      let code = email.charCodeAt(i);
      if (code >= 65 && code <= 90) code += 32;
      else if (!((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45 || code === 46))
        return undefined;
      if (code === 46 && i === end - 1) {
        end--; // a trailing dot
        break;
      }
      hash = (Math.imul(hash, 31) + code) | 0;
    }
    if (isSpace(email.charCodeAt(0)) || email.indexOf('://') !== -1) return undefined;
    const list = this.buckets.get(hash);
    if (list === undefined) return false;
    const size = end - at - 1;
    for (const domain of list) {
      if (domain.length !== size) continue;
      let same = true;
      for (let k = 0; k < size; k++) {
        let code = email.charCodeAt(at + 1 + k);
        if (code >= 65 && code <= 90) code += 32;
        if (code !== domain.charCodeAt(k)) {
          same = false;
          break;
        }
      }
      if (same) return true;
    }
    return false;
  }
}
