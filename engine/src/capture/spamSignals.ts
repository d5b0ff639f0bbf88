import type { CompiledObject } from '../compile/types.js';

/** A tag-like run: `<a href…>`, `</div>`, `<!--`, `<?php`. */
const HTML = /<\s*[a-z!/?][^>]*>|&lt;\s*script|javascript:/i;
/** A link in a one-line value: a scheme or `www.` (a company name like "Amazon.com" is not a link). */
const LINK = /\b(?:https?|ftp):\/\/|\bwww\.[a-z0-9-]+\./i;
/** A spreadsheet formula: anything starting with `=`, or `+cmd|…`, `@SUM(…)`, `-HYPERLINK(…)`. */
const FORMULA = /^\s*=|^\s*[+\-@]\s*[A-Za-z_][A-Za-z0-9_.]*\s*[(|!]/;

/** What a capture's data looks like to the spam heuristics. */
export interface SpamOptions {
  /** Email domains (and their subdomains) whose captures are quarantined. */
  readonly blockedDomains?: readonly string[];
}

function domainBlocked(email: string, blocked: readonly string[]): boolean {
  const at = email.lastIndexOf('@');
  if (at < 0) return false;
  const domain = email.slice(at + 1).toLowerCase();
  return blocked.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/**
 * Why this capture looks like spam (empty when it does not): HTML in any text, links or
 * spreadsheet formulas in a one-line text such as a name, an email at a blocked domain. Spam is
 * quarantined for an admin to release, never thrown away: a false positive loses no lead.
 */
export function spamSignals(
  object: CompiledObject,
  data: Readonly<Record<string, unknown>>,
  options: SpamOptions = {},
): string[] {
  const reasons: string[] = [];
  for (const [name, value] of Object.entries(data)) {
    const field = Object.hasOwn(object.fields, name) ? object.fields[name] : undefined;
    if (!field || typeof value !== 'string') continue;
    if (field.type === 'text' || field.type === 'longtext') {
      if (HTML.test(value)) reasons.push(`html in ${name}`);
    }
    if (field.type === 'text') {
      if (LINK.test(value)) reasons.push(`link in ${name}`);
      if (FORMULA.test(value)) reasons.push(`formula in ${name}`);
    }
    if (field.type === 'email' && options.blockedDomains && domainBlocked(value, options.blockedDomains))
      reasons.push(`blocked domain in ${name}`);
  }
  return reasons;
}
