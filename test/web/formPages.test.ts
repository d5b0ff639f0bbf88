import { expect } from 'chai';
import { formPageCsp, formPageHtml, frameAncestors } from '../../runtime/src/web/formPages.js';

describe('forms: form page headers and HTML', () => {
  it('lets nobody frame the hosted page', () => {
    expect(frameAncestors(false, ['https://www.example.com'])).to.equal("'none'");
  });

  it('lets the form’s allowed origins (and this server) frame the iframe page', () => {
    expect(
      frameAncestors(true, ['https://www.example.com', 'https://*.example.cn:8443/', 'http://127.0.0.1:5173']),
    ).to.equal("'self' https://www.example.com https://*.example.cn:8443 http://127.0.0.1:5173");
  });

  it('writes no allowed origin that could inject into the header', () => {
    expect(
      frameAncestors(true, [
        "https://a.example.com; script-src 'unsafe-inline'",
        'javascript:x',
        'https://a.example.com/path',
        '',
      ]),
    ).to.equal("'self'");
  });

  it('allows scripts from this server only', () => {
    const csp = formPageCsp(false, []);
    expect(csp).to.match(/script-src 'self' 'unsafe-eval';/);
    expect(csp).to.not.match(/script-src[^;]*unsafe-inline/);
    expect(csp).to.match(/frame-ancestors 'none'$/);
  });

  it('lets the form’s captcha provider load its widget, and no other', () => {
    const csp = formPageCsp(false, [], 'turnstile');
    expect(csp).to.match(/script-src 'self' 'unsafe-eval' https:\/\/challenges\.cloudflare\.com;/);
    expect(csp).to.match(/frame-src https:\/\/challenges\.cloudflare\.com;/);
    expect(formPageCsp(false, [], 'constructor')).to.not.match(/frame-src/);
    expect(formPageCsp(false, [], null)).to.not.match(/frame-src/);
  });

  it('escapes the form title and locale into the page', () => {
    const html = formPageHtml(
      'contact-us',
      'default',
      { title: '<script>alert(1)</script>', locale: 'en"x', allowedOrigins: [], captcha: null },
      false,
    );
    expect(html).to.not.include('<script>alert');
    expect(html).to.include('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).to.include('lang="en&#34;x"');
    expect(html).to.include('data-mode="page"');
    expect(
      formPageHtml('contact-us', 'default', { title: 't', locale: 'en', allowedOrigins: [], captcha: null }, true),
    ).to.include('data-mode="framed"');
  });
});
