import { useEffect, useState } from 'react';
import type { FormsApi, LoadOutcome } from '../api/formsApi.js';
import type { SubmissionReceipt, ThankYou } from '../api/types.js';
import { formMessages } from '../i18n/formMessages.js';
import { formLocale } from '../model/formLocale.js';
import { labelText } from '../model/labelText.js';
import type { PageContext } from '../model/pageContext.js';
import { safeRedirectUrl } from '../model/safeRedirectUrl.js';
import { FormFill } from './FormFill.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { ThankYouView } from './ThankYouView.js';

export interface LeadFormProps {
  readonly api: FormsApi;
  readonly form: string;
  readonly tenant: string;
  /** `?lang=` or `data-lang`, when given. */
  readonly requestedLocale: string | null;
  readonly page: PageContext;
  /** The page's address, to resolve a relative redirect against. */
  readonly baseUrl: string;
  /** Takes the visitor to the thank-you address (the whole page, also from inside an iframe). */
  readonly redirect: (url: string) => void;
  /** Told the form's title and language once known (the hosted page sets its title and `lang`). */
  readonly onLocale?: (locale: string, title: string) => void;
}

type Stage =
  | { readonly kind: 'loading' }
  | { readonly kind: 'unavailable'; readonly outcome: Exclude<LoadOutcome, { kind: 'loaded' }> }
  | { readonly kind: 'filling' }
  | { readonly kind: 'done'; readonly thankYou: ThankYou; readonly redirectTo: string | null };

/** A capture form, from loading its definition to its thank-you, the same in every embedding mode. */
export function LeadForm({ api, form, tenant, requestedLocale, page, baseUrl, redirect, onLocale }: LeadFormProps) {
  const [loaded, setLoaded] = useState<LoadOutcome | null>(null);
  const [chosenLocale, setChosenLocale] = useState<string | null>(requestedLocale);
  const [stage, setStage] = useState<Stage>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    void api.load(form, tenant).then((outcome) => {
      if (!live) return;
      setLoaded(outcome);
      setStage(outcome.kind === 'loaded' ? { kind: 'filling' } : { kind: 'unavailable', outcome });
    });
    return () => {
      live = false;
    };
  }, [api, form, tenant]);

  const definition = loaded?.kind === 'loaded' ? loaded.form : null;
  const locale = definition
    ? formLocale(definition, chosenLocale)
    : formLocale({ locale: 'en', locales: ['en', 'zh-CN'] }, chosenLocale ?? navigator.language);
  const t = formMessages(locale);
  const title = definition ? labelText(definition.title, locale, definition.form) : '';

  useEffect(() => {
    if (definition) onLocale?.(locale, title);
  }, [definition, locale, title, onLocale]);

  const onSubmitted = (receipt: SubmissionReceipt) => {
    const thankYou = receipt.thankYou ?? definition!.thankYou;
    const redirectTo = 'redirectUrl' in thankYou ? safeRedirectUrl(thankYou.redirectUrl, baseUrl) : null;
    setStage({ kind: 'done', thankYou, redirectTo });
    if (redirectTo) redirect(redirectTo);
  };

  return (
    <div className="lf-form" lang={locale} data-form={form} data-stage={stage.kind}>
      {stage.kind === 'loading' && <p className="lf-muted">{t.loading}</p>}
      {stage.kind === 'unavailable' && (
        <p className="lf-banner" role="alert">
          {stage.outcome.kind === 'notFound' ? t.notFound : t.loadFailed}
        </p>
      )}
      {definition && stage.kind !== 'unavailable' && stage.kind !== 'loading' && (
        <>
          <header className="lf-head">
            <h1 className="lf-title">{title}</h1>
            {stage.kind === 'filling' && (
              <LanguageSwitch locales={definition.locales} locale={locale} t={t} onChange={setChosenLocale} />
            )}
          </header>
          {stage.kind === 'filling' && (
            <FormFill
              api={api}
              definition={definition}
              tenant={tenant}
              locale={locale}
              page={page}
              onSubmitted={onSubmitted}
            />
          )}
          {stage.kind === 'done' && (
            <ThankYouView thankYou={stage.thankYou} redirectTo={stage.redirectTo} locale={locale} t={t} />
          )}
        </>
      )}
    </div>
  );
}
