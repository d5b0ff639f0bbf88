import { useEffect, useRef, useState } from 'react';
import type { CaptchaDefinition } from '../api/types.js';
import type { FormMessages } from '../i18n/formMessages.js';
import { type CaptchaProvider, captchaProvider } from '../model/captchaProviders.js';

interface CaptchaApi {
  render(element: HTMLElement, options: Record<string, unknown>): string | number;
  reset(id?: string | number): void;
}

const loading = new Map<string, Promise<CaptchaApi>>();

/** Loads the provider's script once per page and resolves with its global once it can render. */
function loadCaptcha(provider: CaptchaProvider): Promise<CaptchaApi> {
  const known = loading.get(provider.script);
  if (known) return known;
  const ready = new Promise<CaptchaApi>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = provider.script;
    script.async = true;
    script.onerror = () => reject(new Error(`could not load ${provider.script}`));
    script.onload = () => {
      const api = (window as unknown as Record<string, CaptchaApi & { ready?: (f: () => void) => void }>)[
        provider.global
      ];
      if (!api) reject(new Error(`${provider.script} defined no ${provider.global}`));
      else if (api.ready) api.ready(() => resolve(api));
      else resolve(api);
    };
    document.head.append(script);
  });
  loading.set(provider.script, ready);
  return ready;
}

export interface CaptchaBoxProps {
  readonly captcha: CaptchaDefinition;
  readonly locale: string;
  readonly t: FormMessages;
  /** Changes after each attempt the server did not accept: a token is good for one check only. */
  readonly attempt: number;
  readonly onToken: (token: string | null) => void;
}

/** The captcha widget of the form's provider; its token goes with the submission. */
export function CaptchaBox({ captcha, locale, t, attempt, onToken }: CaptchaBoxProps) {
  const box = useRef<HTMLDivElement>(null);
  const widget = useRef<{ api: CaptchaApi; id: string | number } | null>(null);
  const [failed, setFailed] = useState(false);
  const provider = captchaProvider(captcha.provider);
  const onTokenRef = useRef(onToken);
  onTokenRef.current = onToken;

  useEffect(() => {
    if (!provider || !box.current) return;
    let live = true;
    const element = box.current;
    loadCaptcha(provider)
      .then((api) => {
        if (!live) return;
        const id = api.render(element, {
          sitekey: captcha.siteKey,
          hl: locale,
          language: locale,
          callback: (token: string) => onTokenRef.current(token),
          'expired-callback': () => onTokenRef.current(null),
          'error-callback': () => onTokenRef.current(null),
        });
        widget.current = { api, id };
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      element.replaceChildren();
      widget.current = null;
    };
  }, [provider, captcha.siteKey, locale]);

  useEffect(() => {
    if (attempt === 0 || !widget.current) return;
    widget.current.api.reset(widget.current.id);
    onTokenRef.current(null);
  }, [attempt]);

  if (!provider || failed) {
    return (
      <p className="lf-banner" role="alert">
        {t.captchaUnavailable}
      </p>
    );
  }
  return <div className="lf-captcha" ref={box} />;
}
