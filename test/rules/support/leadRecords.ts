import type { Prng } from './prng.js';

const FIRST = ['Ann', 'Bo', 'Chen Li', 'Dmitri', 'Eva', '王芳', ''];
const INDUSTRIES = ['saas', 'manufacturing', 'retail', 'finance', 'education', 'SaaS', ''];
const ROLES = ['ceo', 'cto', 'vp', 'manager', 'engineer', 'intern', 'CEO'];
const DOMAINS = ['acme.com', 'qq.com', 'gmail.com', '163.com', 'Example.CN', 'outlook.com', 'globex.io'];
const PAGES = ['/pricing', '/docs', '/blog/a', '/contact', '/'];
const TAGS = ['vip', 'event', 'partner', 'saas', '', 'trial'];
const COUNTRIES = ['CN', 'US', 'DE', 'JP', 'cn'];
const DATES = ['2026-01-15', '2025-12-31T23:59:59Z', '2026-02-28T08:00:00+08:00', '2024-02-29', 'not a date', ''];

function maybe<T>(r: Prng, value: () => T): T | null | undefined {
  const roll = r.next();
  if (roll < 0.1) return undefined; // field absent
  if (roll < 0.17) return null;
  return value();
}

function numberish(r: Prng): unknown {
  return r.pick<() => unknown>([
    () => r.int(0, 5000),
    () => r.int(-50, 50) / 4,
    () => String(r.int(0, 900)),
    () => 0,
    () => '',
    () => r.int(1, 3) * 1e6,
  ])();
}

/** A realistic lead record: strings, numbers (some as text), booleans, nulls, nested objects, arrays, absent fields. */
export function aGeneratedLead(r: Prng): Record<string, unknown> {
  const record: Record<string, unknown> = {
    name: maybe(r, () => r.pick(FIRST)),
    email: maybe(r, () => `${r.pick(['ann', 'bo', 'x.y'])}@${r.pick(DOMAINS)}`),
    website: maybe(r, () =>
      r.pick(['https://www.acme.com/pricing', 'globex.io', 'http://Shop.Example.cn:8080/x', 'n/a']),
    ),
    industry: maybe(r, () => r.pick(INDUSTRIES)),
    role: maybe(r, () => r.pick(ROLES)),
    employees: maybe(r, () => numberish(r)),
    revenue: maybe(r, () => numberish(r)),
    consent: maybe(r, () => r.chance(0.6)),
    score: maybe(r, () => r.int(-20, 120)),
    created_at: maybe(r, () => r.pick(DATES)),
    company: maybe(r, () => ({
      name: r.pick(['Acme', 'Globex', '']),
      size: numberish(r),
      country: r.pick(COUNTRIES),
    })),
    utm: maybe(r, () => ({ source: r.pick(['google', 'wechat', 'event']), medium: r.pick(['cpc', 'qr', '']) })),
    geo: maybe(r, () => ({ city: r.pick(['Shanghai', 'Berlin']) })),
    tags: maybe(r, () => Array.from({ length: r.int(0, 4) }, () => r.pick(TAGS))),
    visits: maybe(r, () =>
      Array.from({ length: r.int(0, 5) }, () => ({
        page: r.pick(PAGES),
        seconds: r.int(0, 400),
        bounced: r.chance(0.3),
      })),
    ),
    numbers: maybe(r, () => Array.from({ length: r.int(0, 5) }, () => r.pick([r.int(-5, 20), null, '7', true]))),
    matrix: maybe(r, () => [[1, 2], [3], []]),
  };
  for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
  return record;
}
