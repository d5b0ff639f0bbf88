import type { LookupAddress } from 'node:dns';
import { expect } from 'chai';
import {
  checkHost,
  checkTargetUrl,
  forbiddenAddressReason,
  normalizeHost,
  parseAllowList,
  parseIpv6,
} from '../../engine/src/delivery/index.js';
import { guardedLookup, type Resolver } from '../../runtime/src/jobs/index.js';

/** Internal addresses and the reason each is refused. None of these is ever connected to in a test. */
const FORBIDDEN: readonly [string, RegExp][] = [
  ['127.0.0.1', /loopback/],
  ['127.255.255.254', /loopback/],
  ['10.0.0.1', /private \(10/],
  ['172.16.0.1', /private \(172\.16/],
  ['172.31.255.255', /private \(172\.16/],
  ['192.168.1.1', /private \(192\.168/],
  ['169.254.169.254', /cloud metadata/],
  ['169.254.1.1', /link-local/],
  ['100.100.100.200', /cloud metadata/],
  ['100.64.0.1', /carrier-grade NAT/],
  ['100.127.255.255', /carrier-grade NAT/],
  ['0.0.0.0', /this network/],
  ['0.1.2.3', /this network/],
  ['192.0.0.192', /cloud metadata/],
  ['198.18.0.1', /benchmarking/],
  ['224.0.0.1', /multicast/],
  ['255.255.255.255', /reserved/],
  ['::', /unspecified/],
  ['::1', /loopback/],
  ['::ffff:127.0.0.1', /IPv4 127\.0\.0\.1 inside IPv6: loopback/],
  ['::ffff:7f00:1', /inside IPv6: loopback/],
  ['::ffff:169.254.169.254', /cloud metadata/],
  ['64:ff9b::10.0.0.1', /inside IPv6: private/],
  ['::127.0.0.1', /IPv4-compatible/],
  ['2002:7f00:1::', /6to4 of 127\.0\.0\.1/],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', /Teredo/],
  ['2001:db8::1', /documentation|IETF/],
  ['fc00::1', /unique local/],
  ['fd00:ec2::254', /unique local/],
  ['fe80::1', /link-local/],
  ['fe80::1%eth0', /link-local/],
  ['fec0::1', /site-local/],
  ['ff02::1', /multicast/],
  ['4000::1', /not global unicast/],
  ['localhost', /not an IP address/],
];

const PUBLIC = [
  '93.184.216.34',
  '8.8.8.8',
  '1.1.1.1',
  '100.63.255.255',
  '100.128.0.0',
  '172.32.0.1',
  '2606:4700::1111',
  '::ffff:8.8.8.8',
  '64:ff9b::8.8.8.8',
  '2002:808:808::',
];

describe('delivery: which addresses the SSRF guard refuses', () => {
  for (const [address, reason] of FORBIDDEN) {
    it(`refuses ${address}`, () => {
      expect(forbiddenAddressReason(address)).to.match(reason);
    });
  }

  it('lets public addresses through', () => {
    expect(PUBLIC.map((a) => [a, forbiddenAddressReason(a)])).to.deep.equal(PUBLIC.map((a) => [a, null]));
  });

  it('parses IPv6 with compression, an IPv4 tail and a zone, and rejects malformed text', () => {
    expect(parseIpv6('::ffff:1.2.3.4')?.slice(10)).to.deep.equal([0xff, 0xff, 1, 2, 3, 4]);
    expect(parseIpv6('[fe80::1%eth0]')?.slice(0, 2)).to.deep.equal([0xfe, 0x80]);
    for (const bad of [':::', '1::2::3', '12345::', '1:2:3:4:5:6:7:8:9', '::1.2.3', 'g::1'])
      expect(parseIpv6(bad)).to.equal(null);
  });
});

describe('delivery: odd spellings of an address', () => {
  const spellings: readonly [string, string][] = [
    ['127.1', '127.0.0.1'],
    ['127.0.1', '127.0.0.1'],
    ['0x7f.0.0.1', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['017700000001', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['127.000.000.001', '127.0.0.1'],
    ['127.0.0.1.', '127.0.0.1'],
    ['0', '0.0.0.0'],
    ['[::ffff:127.0.0.1]', '::ffff:7f00:1'],
    ['::ffff:127.0.0.1', '::ffff:7f00:1'],
    ['[0:0:0:0:0:0:0:1]', '::1'],
    ['LOCALHOST.', 'localhost'],
    ['①②⑦.0.0.1', '127.0.0.1'],
  ];
  for (const [written, canonical] of spellings) {
    it(`reads ${written} as ${canonical} and refuses it`, () => {
      expect(normalizeHost(written)).to.equal(canonical);
      expect(checkHost(written, 80, [])).to.include({ ok: false, problem: 'forbidden-address' });
    });
  }
});

describe('delivery: URL rules before any connection', () => {
  const refused: readonly [string, string][] = [
    ['ftp://example.com/', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['gopher://example.com/', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['http://user:pass@example.com/', 'credentials'],
    ['http://example.com@169.254.169.254/', 'credentials'],
    ['http://169.254.169.254/latest/meta-data/', 'forbidden-address'],
    ['http://[fd00:ec2::254]/', 'forbidden-address'],
    ['http://100.100.100.200/latest/meta-data/', 'forbidden-address'],
    ['http://10.1.2.3:8080/hook', 'forbidden-address'],
    ['http://localhost/', 'forbidden-address'],
    ['http://admin.localhost/', 'forbidden-address'],
    ['not a url', 'invalid-url'],
    ['http://[::1%25eth0]/', 'invalid-url'],
  ];
  for (const [url, problem] of refused) {
    it(`refuses ${url} (${problem})`, () => {
      expect(checkTargetUrl(url, [])).to.include({ ok: false, problem });
    });
  }

  it('passes a public https URL and a name (checked again at connect)', () => {
    expect(checkTargetUrl('https://hooks.example.com/x', [])).to.include({
      ok: true,
      host: 'hooks.example.com',
      port: 443,
      family: 0,
    });
    expect(checkTargetUrl('http://93.184.216.34:8080/', [])).to.include({ ok: true, family: 4, port: 8080 });
  });

  it('lets the operator allow a named host, optionally on one port only', () => {
    const allow = parseAllowList('erp.corp.example, 10.0.0.5:8443 [fd00::5]');
    expect(checkTargetUrl('http://10.0.0.5:8443/', allow)).to.include({ ok: true, allowListed: true });
    expect(checkTargetUrl('http://10.0.0.5:8080/', allow)).to.include({ ok: false });
    expect(checkTargetUrl('http://ERP.corp.example./', allow)).to.include({ ok: true, allowListed: true });
    expect(checkTargetUrl('http://[fd00::5]:1/', allow)).to.include({ ok: true, allowListed: true });
    expect(checkTargetUrl('http://other.corp.example/', allow)).to.include({ allowListed: false });
    expect(() => parseAllowList('host:notaport')).to.throw(/port must be a number/);
  });
});

function lookupWith(resolve: Resolver, trusted = false, all = true) {
  return new Promise<{ error: Error | null; addresses: LookupAddress[] | string }>((done) => {
    const lookup = guardedLookup(resolve, trusted) as unknown as (
      host: string,
      options: { all: boolean },
      cb: (error: Error | null, addresses: LookupAddress[] | string) => void,
    ) => void;
    lookup('name.test', { all }, (error, addresses) => done({ error, addresses }));
  });
}

describe('delivery: the connect-time lookup', () => {
  it('refuses a name when any of its addresses is internal', async () => {
    const { error } = await lookupWith(async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.1', family: 4 },
    ]);
    expect(error?.message).to.equal(
      'name.test resolves to 10.0.0.1, which is not allowed as a target: private (10.0.0.0/8)',
    );
  });

  it('hands public addresses to the socket, one or all as asked', async () => {
    const resolve: Resolver = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::', family: 6 },
    ];
    expect((await lookupWith(resolve)).addresses).to.deep.equal([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::', family: 6 },
    ]);
    expect((await lookupWith(resolve, false, false)).addresses).to.equal('93.184.216.34');
  });

  it('lets an allow-listed host resolve to an internal address', async () => {
    const { error, addresses } = await lookupWith(async () => [{ address: '10.0.0.5', family: 4 }], true);
    expect(error).to.equal(null);
    expect(addresses).to.deep.equal([{ address: '10.0.0.5', family: 4 }]);
  });

  it('reports a name that does not resolve as a network failure', async () => {
    const { error } = await lookupWith(async () => {
      throw new Error('ENOTFOUND');
    });
    expect(error).to.have.property('failure', 'network');
  });
});
