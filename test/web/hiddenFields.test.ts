import { expect } from 'chai';
import { collectHidden } from '../../runtime/forms/src/model/collectHidden.js';
import { pageContext } from '../../runtime/forms/src/model/pageContext.js';

describe('forms: hidden fields from the visitor’s page', () => {
  it('carries every UTM parameter, the referrer and the landing page of the hosted page', () => {
    const href = 'https://leads.example.com/f/contact-us?utm_source=wechat&utm_medium=qr&utm_campaign=expo-2025';
    const hidden = collectHidden([], pageContext('page', href, 'https://www.baidu.com/'));
    expect(hidden).to.deep.equal({
      utm_source: 'wechat',
      utm_medium: 'qr',
      utm_campaign: 'expo-2025',
      referrer: 'https://www.baidu.com/',
      landingPage: href,
    });
  });

  it('reads the named parameters the form asks for, and only those', () => {
    const href = 'https://shop.example.com/landing?gclid=abc123&session=secret&ref=partner-7';
    const hidden = collectHidden(
      [{ from: 'param:gclid' }, { from: 'param:ref' }, { from: 'utm_source' }],
      pageContext('script', href, ''),
    );
    expect(hidden.params).to.deep.equal({ gclid: 'abc123', ref: 'partner-7' });
    expect(hidden).to.not.have.property('referrer');
  });

  it('leaves out empty and blank parameters and trims the rest', () => {
    const hidden = collectHidden(
      [],
      pageContext('page', 'https://x.example/f/a?utm_source=&utm_medium=%20%20&utm_term=%20crm%20', ''),
    );
    expect(hidden).to.deep.equal({
      utm_term: 'crm',
      landingPage: 'https://x.example/f/a?utm_source=&utm_medium=%20%20&utm_term=%20crm%20',
    });
  });

  it('turns control characters in a parameter into spaces, which the server would refuse', () => {
    const hidden = collectHidden(
      [],
      pageContext('page', 'https://x.example/f/a?utm_source=mail%0D%0Abcc%00x&utm_term=%E2%80%A8', ''),
    );
    expect(hidden.utm_source).to.equal('mail  bcc x');
    expect(hidden).to.not.have.property('utm_term');
  });

  it('caps a very long parameter instead of sending a value the server would refuse', () => {
    const hidden = collectHidden([], pageContext('page', `https://x.example/f/a?utm_content=${'x'.repeat(5000)}`, ''));
    expect(hidden.utm_content).to.have.length(500);
    expect(hidden.landingPage).to.have.length(2000);
  });

  it('in an iframe takes the host page’s address and referrer from the parameters the host snippet added', () => {
    const src =
      'https://leads.example.com/f/contact-us?embed=iframe&utm_source=newsletter' +
      '&lf_landing=https%3A%2F%2Fwww.example.com%2Fpricing%3Futm_source%3Dnewsletter&lf_referrer=https%3A%2F%2Fmail.example.com%2F';
    const page = pageContext('framed', src, 'https://www.example.com/');
    expect(page.landingPage).to.equal('https://www.example.com/pricing?utm_source=newsletter');
    expect(page.referrer).to.equal('https://mail.example.com/');
    expect(collectHidden([], page).utm_source).to.equal('newsletter');
  });

  it('in an iframe without the host snippet uses the framing page as landing page and knows no referrer', () => {
    const page = pageContext('framed', 'https://leads.example.com/f/a?embed=iframe', 'https://www.example.com/');
    expect(page).to.include({ landingPage: 'https://www.example.com/', referrer: '' });
  });
});
