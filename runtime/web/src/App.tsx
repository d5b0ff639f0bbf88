import { useCallback, useEffect, useMemo, useState } from 'react';
import { leadforgeApi } from './api/leadforgeApi.js';
import type { AppInfo, User } from './api/types.js';
import { AppShell } from './components/AppShell.js';
import { SignInPage } from './components/SignInPage.js';
import { useLocaleChoice } from './hooks/useLocaleChoice.js';
import { I18nContext } from './i18n/I18nContext.js';
import { uiMessages } from './i18n/uiMessages.js';
import { isSessionEnd, type Session, SessionContext } from './session/SessionContext.js';

type AppState =
  | { readonly kind: 'checking' }
  | { readonly kind: 'signedOut' }
  | { readonly kind: 'signedIn'; readonly user: User; readonly app: AppInfo }
  | { readonly kind: 'failed'; readonly message: string };

/** Checks the session, shows sign-in or the shell, and returns to sign-in whenever the session ends. */
export function App() {
  const [state, setState] = useState<AppState>({ kind: 'checking' });
  const localeChoice = useLocaleChoice();
  const { locale, adoptDefault } = localeChoice;
  const i18n = useMemo(() => ({ locale, t: uiMessages[locale] }), [locale]);
  useEffect(() => {
    // Lets the browser pick CJK fonts and hyphenation for the language shown.
    document.documentElement.lang = locale;
  }, [locale]);

  const enter = useCallback(
    async (user: User) => {
      try {
        const app = await leadforgeApi.app();
        adoptDefault(app.defaultLocale);
        setState({ kind: 'signedIn', user, app });
      } catch (err) {
        if (isSessionEnd(err)) setState({ kind: 'signedOut' });
        else setState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
      }
    },
    [adoptDefault],
  );

  useEffect(() => {
    leadforgeApi.me().then(
      ({ user }) => enter(user),
      () => setState({ kind: 'signedOut' }),
    );
  }, [enter]);

  const reportError = useCallback((err: unknown) => {
    if (isSessionEnd(err)) setState({ kind: 'signedOut' });
  }, []);

  const signOut = useCallback(async () => {
    await leadforgeApi.signOut().catch(() => undefined);
    setState({ kind: 'signedOut' });
  }, []);

  const session = useMemo<Session | null>(
    () => (state.kind === 'signedIn' ? { user: state.user, reportError } : null),
    [state, reportError],
  );

  return (
    <I18nContext.Provider value={i18n}>
      {state.kind === 'checking' && <p className="page-message">{i18n.t.loading}</p>}
      {state.kind === 'failed' && (
        <p className="page-message" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === 'signedOut' && <SignInPage onSignedIn={enter} onLocale={localeChoice.choose} />}
      {state.kind === 'signedIn' && session && (
        <SessionContext.Provider value={session}>
          <AppShell app={state.app} onSignOut={signOut} onLocale={localeChoice.choose} />
        </SessionContext.Provider>
      )}
    </I18nContext.Provider>
  );
}
