import { expect } from 'chai';
import { FREEMAIL_DOMAINS } from '../../engine/src/plugins/builtin/freemailDomains.js';
import { between, contains, domain, freemail, startsWith } from '../../engine/src/plugins/builtin/index.js';
import { prng } from './support/prng.js';
import { referenceDomainOf } from './support/referenceDomainOf.js';

const context = { now: new Date('2026-03-02T09:00:00Z') };

/** freemail as first written: the domain of an address with an @, looked up in the list. */
function referenceFreemail(email: unknown): boolean {
  if (typeof email !== 'string' || email.indexOf('@') === -1) return false;
  const d = referenceDomainOf(email);
  return d !== null && FREEMAIL_DOMAINS.has(d);
}

/** Addresses, URLs and hosts built from the pieces that make parsing go wrong. */
function trickyInputs(count: number): unknown[] {
  const r = prng(20260302);
  const hosts = [
    'qq.com',
    'QQ.com',
    'Gmail.COM',
    'hotmail.co.uk',
    'hotmail.co.U\u212A', // Kelvin sign: lower-cases to k
    'acme.com',
    'www.acme.com',
    'WWW.Acme.com',
    'www.qq.com',
    'vip.163.com',
    '163.com.',
    '163.com..',
    '-bad.com',
    'bad-.com',
    '127.0.0.1',
    'localhost',
    'xn--fiq228c.com',
    '例子.公司',
    'İstanbul.com',
    'a..b',
    '',
    '.',
    'www.',
    'www.x',
  ];
  const locals = ['ann', 'Ann.Lee', 'a+b', '', 'x@y', 'user:pw', 'http://x/', 'a b', '张三'];
  const schemes = ['', 'http://', 'https://', 'HTTPS://', 'mailto:', '//', 'ftp://user@'];
  const tails = ['', '/', '/pricing', '?q=1', '#top', ':8080', ':8080/x', ' ', '\t', '.', '@', '/@qq.com'];
  const heads = ['', ' ', '\u00a0', '\u3000', '\ufeff', '\u0001', '\u2003'];
  const out: unknown[] = [null, undefined, 42, true, {}, ['qq.com'], 'x'.repeat(2049), `a@${'q'.repeat(2050)}.com`];
  for (let i = 0; i < count; i++) {
    const host = r.pick(hosts);
    const shape = r.int(0, 2);
    const text =
      shape === 0
        ? `${r.pick(locals)}@${host}`
        : shape === 1
          ? `${r.pick(schemes)}${r.chance(0.2) ? `${r.pick(locals)}@` : ''}${host}${r.pick(tails)}`
          : host;
    out.push(`${r.pick(heads)}${text}${r.chance(0.2) ? r.pick(tails) : ''}`);
  }
  return out;
}

describe('rules: built-in operators against their first implementations', () => {
  const inputs = trickyInputs(20_000);

  it('domain answers what the slicing implementation answered, for 20,000 tricky addresses and URLs', () => {
    const differing = inputs.filter((v) => domain.evaluate([v], context) !== referenceDomainOf(v));
    expect(differing).to.deep.equal([]);
  });

  it('freemail answers what a lookup of the domain answered, without building it for plain addresses', () => {
    const differing = inputs.filter((v) => freemail.evaluate([v], context) !== referenceFreemail(v));
    expect(differing).to.deep.equal([]);
    expect(freemail.evaluate(['Ann@QQ.com'], context)).to.equal(true);
    expect(freemail.evaluate(['ann@hotmail.co.U\u212A'], context)).to.equal(true);
    expect(freemail.evaluate(['ann@acme.com'], context)).to.equal(false);
    expect(freemail.evaluate(['qq.com'], context)).to.equal(false);
  });

  it('prepared contains, startsWith and between (constant arguments) answer as their evaluate does', () => {
    const r = prng(7);
    const values: unknown[] = [
      null,
      undefined,
      true,
      0,
      -0,
      50,
      500,
      499.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      '',
      'Sales Director',
      '+86 138',
      '2026-02-14',
      '2026-02-14T03:00:00Z',
      '2026-02-30',
      '2026-03-02T09:00:00.001Z',
      new Date('2026-02-20T00:00:00Z'),
      ['crm', 'ai', 1],
      [],
      { a: 1 },
    ];
    const constants: unknown[] = [
      'Director',
      '',
      'ai',
      1,
      null,
      50,
      500,
      0,
      Number.NaN,
      '2026-02-01',
      '2026-03-02T09:00:00Z',
      'not a date',
      true,
    ];
    let checked = 0;
    for (let i = 0; i < 5_000; i++) {
      const value = r.pick(values);
      const a = r.pick(constants);
      const b = r.pick(constants);
      const pairs: [typeof contains, unknown[]][] = [
        [contains, [value, a]],
        [startsWith, [value, a]],
        [between, [value, a, b]],
      ];
      for (const [operator, args] of pairs) {
        const prepared = operator.prepare?.([undefined, ...args.slice(1)]);
        if (typeof prepared !== 'function') continue;
        expect(prepared(args, context), `${JSON.stringify(args)}`).to.equal(operator.evaluate(args, context));
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(5_000);
  });
});
