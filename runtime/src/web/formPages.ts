import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileForm } from '@leadforge/engine/forms';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { captchaProvider } from '../../forms/src/model/captchaProviders.js';
import type { AppRegistry } from '../apps/appRegistry.js';

const BUILT_EMBED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/forms/embed.js');

/** Names of forms and tenants as they may appear in a form page's address. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** A CSP host source: `https://www.example.com`, `https://*.example.com:8443`, `http://127.0.0.1:5000`. */
const ORIGIN_SOURCE = /^https?:\/\/(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?$/;

/** What a form page needs to know of a published form before its script asks the API for the rest. */
export interface FormPageInfo {
  /** The form's title in its own locale, for the page's `<title>` until the script loads. */
  readonly title: string;
  readonly locale: string;
  /** Origins allowed to embed the form (the form definition's allowedOrigins). */
  readonly allowedOrigins: readonly string[];
  /** The form's captcha provider (`turnstile`, `hcaptcha`, `recaptcha`), whose widget the page loads; or null. */
  readonly captcha: string | null;
}

/** Finds a published form, or null when the tenant has no form of that name. */
export type FormPageLookup = (tenant: string, form: string) => Promise<FormPageInfo | null>;

/** Looks forms up in the tenant's published app, compiled once per app version by the engine. */
export function formPageLookup(apps: AppRegistry): FormPageLookup {
  return async (tenant, form) => {
    const published = await apps.current(tenant);
    const compiled = published ? compileForm(published.app, form) : undefined;
    if (!compiled) return null;
    const { title, locale } = compiled.view;
    return {
      title: title[locale] ?? title['en'] ?? Object.values(title)[0] ?? form,
      locale,
      allowedOrigins: compiled.protection.allowedOrigins,
      captcha: compiled.view.captcha?.provider ?? null,
    };
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * `frame-ancestors` for a form page: nobody may frame the hosted page; the iframe page may be framed by the
 * form's allowed origins (and this server, for previews). Entries that are not plain origins are dropped rather
 * than written into the header.
 */
export function frameAncestors(framed: boolean, allowedOrigins: readonly string[]): string {
  if (!framed) return "'none'";
  const sources = allowedOrigins.flatMap((o) => {
    const origin = o.trim().replace(/\/$/, '');
    return origin === '*' || ORIGIN_SOURCE.test(origin) ? [origin] : [];
  });
  return ["'self'", ...new Set(sources)].join(' ');
}

/**
 * The page's Content-Security-Policy. Scripts only from this server (and the form's captcha provider);
 * 'unsafe-eval' because ajv compiles the form's JSON Schema into a function (the same schema the server validates
 * with, issue 3 point 2).
 */
export function formPageCsp(framed: boolean, allowedOrigins: readonly string[], captcha: string | null = null): string {
  const widget = captcha ? (captchaProvider(captcha)?.origins ?? []) : [];
  const also = widget.map((o) => ` ${o}`).join('');
  return [
    "default-src 'none'",
    `script-src 'self' 'unsafe-eval'${also}`,
    `style-src 'self' 'unsafe-inline'${also}`,
    `connect-src 'self'${also}`,
    ...(widget.length > 0 ? [`frame-src${also}`] : []),
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors(framed, allowedOrigins)}`,
  ].join('; ');
}

/** The HTML of a form page: an empty element and the embed script, which renders the form into it. */
export function formPageHtml(form: string, tenant: string, info: FormPageInfo, framed: boolean): string {
  const mode = framed ? 'framed' : 'page';
  // On a phone the form fills the screen; on a wider one it sits as a card on a grey page.
  const style = framed
    ? 'body{margin:0;background:transparent}'
    : 'body{margin:0;background:#fff}@media (min-width:640px){body{background:#f5f7fa;padding:2rem 0}.lf-form{border-radius:12px}}';
  return `<!doctype html>
<html lang="${escapeHtml(info.locale)}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light" />
    <title>${escapeHtml(info.title)}</title>
    <style>${style}</style>
  </head>
  <body>
    <main id="leadforge-form"></main>
    <noscript><p style="padding:1rem;font-family:sans-serif">This form needs JavaScript. 此表单需要启用 JavaScript。</p></noscript>
    <script src="/embed.js" data-form="${escapeHtml(form)}" data-tenant="${escapeHtml(tenant)}" data-mode="${mode}" data-target="#leadforge-form"></script>
  </body>
</html>
`;
}

function notFound(res: Response, message: string) {
  res.status(404).type('text/plain').send(message);
}

/**
 * The capture form pages (issue 3, point 2): `/f/:form` (hosted page, also the target of an event QR code),
 * `/f/:form?embed=iframe` (the page an iframe embed shows) and `/embed.js` (the script every mode runs).
 */
export function formPages(lookup: FormPageLookup, embedScript: string = BUILT_EMBED): RequestHandler {
  const router = express.Router();

  router.get('/embed.js', (_req: Request, res: Response) => {
    if (!existsSync(embedScript)) {
      res
        .status(404)
        .type('text/javascript')
        .send('console.error("Leadforge: the forms are not built; run npm run build");');
      return;
    }
    // Host pages on other sites load this script, so it may be read cross-origin; it changes with each build.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.sendFile(embedScript, { maxAge: '5m', headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
  });

  router.get('/f/:form', async (req: Request, res: Response) => {
    const form = String(req.params['form']);
    const tenantParam = req.query['tenant'];
    const tenant = typeof tenantParam === 'string' && tenantParam !== '' ? tenantParam : 'default';
    if (!NAME.test(form) || !NAME.test(tenant)) return notFound(res, 'no such form');
    const info = await lookup(tenant, form);
    if (!info) return notFound(res, 'no such form');
    const framed = req.query['embed'] === 'iframe';
    // The iframe page is framed by the allowed origins: frame-ancestors says which; X-Frame-Options cannot.
    if (framed) res.removeHeader('X-Frame-Options');
    res.setHeader('Content-Security-Policy', formPageCsp(framed, info.allowedOrigins, info.captcha));
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(formPageHtml(form, tenant, info, framed));
  });

  return router;
}
