import { expect } from 'chai';
import { embedConfigOf } from '../../runtime/forms/src/embed/embedConfig.js';
import { frameMessageOf } from '../../runtime/forms/src/model/frameMessages.js';
import { frameSrc } from '../../runtime/forms/src/model/frameSrc.js';
import { attemptFor, newIdempotencyKey } from '../../runtime/forms/src/model/idempotencyKey.js';
import { safeRedirectUrl } from '../../runtime/forms/src/model/safeRedirectUrl.js';

describe('forms: the embed script’s settings', () => {
  const src = 'https://leads.example.com/embed.js';

  it('reads form, tenant, language and mode from the script tag, with the server as its origin', () => {
    expect(embedConfigOf({ form: 'contact-us', tenant: 'acme', lang: 'en', mode: 'iframe' }, src)).to.deep.equal({
      form: 'contact-us',
      tenant: 'acme',
      lang: 'en',
      mode: 'iframe',
      target: null,
      origin: 'https://leads.example.com',
    });
  });

  it('defaults to the script mode and the default tenant', () => {
    expect(embedConfigOf({ form: 'contact-us' }, src)).to.include({ mode: 'script', tenant: 'default' });
  });

  it('says what is missing or wrong', () => {
    expect(embedConfigOf({}, src))
      .to.have.property('problem')
      .that.matches(/data-form/);
    expect(embedConfigOf({ form: 'a', mode: 'popup' }, src))
      .to.have.property('problem')
      .that.matches(/data-mode/);
  });
});

describe('forms: the iframe embed', () => {
  const input = {
    origin: 'https://leads.example.com',
    form: 'contact-us',
    tenant: 'default',
    lang: null,
    hostHref: 'https://www.example.com/pricing?utm_source=newsletter&utm_campaign=spring&gclid=g1&embed=x',
    hostReferrer: 'https://mail.example.com/',
  };

  it('carries the host page’s parameters, address and referrer into the frame', () => {
    const url = new URL(frameSrc(input));
    expect(url.origin + url.pathname).to.equal('https://leads.example.com/f/contact-us');
    expect(url.searchParams.get('embed')).to.equal('iframe');
    expect(url.searchParams.get('utm_source')).to.equal('newsletter');
    expect(url.searchParams.get('utm_campaign')).to.equal('spring');
    expect(url.searchParams.get('gclid')).to.equal('g1');
    expect(url.searchParams.get('lf_landing')).to.equal(input.hostHref);
    expect(url.searchParams.get('lf_referrer')).to.equal('https://mail.example.com/');
  });

  it('never lets a host parameter override the frame’s own (embed, tenant, lang)', () => {
    const url = new URL(frameSrc({ ...input, hostHref: 'https://www.example.com/?tenant=other&lang=fr&lf_landing=x' }));
    expect(url.searchParams.getAll('embed')).to.deep.equal(['iframe']);
    expect(url.searchParams.getAll('tenant')).to.deep.equal(['default']);
    expect(url.searchParams.getAll('lang')).to.deep.equal([]);
    expect(url.searchParams.getAll('lf_landing')).to.deep.equal([
      'https://www.example.com/?tenant=other&lang=fr&lf_landing=x',
    ]);
  });

  it('escapes the form name into the path', () => {
    expect(frameSrc({ ...input, form: '../admin' })).to.match(/^https:\/\/leads\.example\.com\/f\/\.\.%2Fadmin\?/);
  });

  it('hears only its own form’s height and redirect messages, with a bounded height', () => {
    expect(frameMessageOf({ type: 'leadforge:height', form: 'contact-us', height: 812.4 }, 'contact-us')).to.deep.equal(
      {
        type: 'leadforge:height',
        form: 'contact-us',
        height: 813,
      },
    );
    expect(frameMessageOf({ type: 'leadforge:height', form: 'other', height: 10 }, 'contact-us')).to.equal(null);
    expect(
      frameMessageOf({ type: 'leadforge:height', form: 'contact-us', height: 1e9 }, 'contact-us'),
    ).to.have.property('height', 20000);
    expect(frameMessageOf({ type: 'leadforge:height', form: 'contact-us', height: 'tall' }, 'contact-us')).to.equal(
      null,
    );
    expect(frameMessageOf('leadforge:height', 'contact-us')).to.equal(null);
  });
});

describe('forms: after submitting', () => {
  it('follows an http(s) thank-you address, relative ones resolved against the page', () => {
    expect(safeRedirectUrl('https://www.example.com/thanks', 'https://leads.example.com/f/a')).to.equal(
      'https://www.example.com/thanks',
    );
    expect(safeRedirectUrl('/thanks?x=1', 'https://leads.example.com/f/a')).to.equal(
      'https://leads.example.com/thanks?x=1',
    );
  });

  it('never follows a javascript:, data: or malformed address', () => {
    expect(safeRedirectUrl('javascript:alert(1)', 'https://leads.example.com/')).to.equal(null);
    expect(safeRedirectUrl(' JavaScript:alert(1)', 'https://leads.example.com/')).to.equal(null);
    expect(safeRedirectUrl('data:text/html,<script>alert(1)</script>', 'https://leads.example.com/')).to.equal(null);
    expect(safeRedirectUrl('http://[::1', 'https://leads.example.com/')).to.equal(null);
  });

  it('makes a new 128-bit idempotency key per fill', () => {
    const a = newIdempotencyKey();
    expect(a).to.match(/^lf-[0-9a-f]{32}$/);
    expect(newIdempotencyKey()).to.not.equal(a);
    expect(newIdempotencyKey((b) => b.fill(255))).to.equal('lf-' + 'ff'.repeat(16));
  });

  it('resends the same answers under the same key, so a double click or a retry makes one lead', () => {
    const first = attemptFor(null, '{"answers":{"email":"a@example.com"}}', () => 'k1');
    expect(attemptFor(first, '{"answers":{"email":"a@example.com"}}', () => 'k2').key).to.equal('k1');
  });

  it('sends changed answers under a new key, which the server would refuse under the used one', () => {
    const first = attemptFor(null, '{"answers":{"email":"a@example.com"}}', () => 'k1');
    expect(attemptFor(first, '{"answers":{"email":"b@example.com"}}', () => 'k2').key).to.equal('k2');
  });
});
