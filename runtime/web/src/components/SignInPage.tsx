import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/ApiError.js';
import { leadforgeApi } from '../api/leadforgeApi.js';
import type { Locale, User } from '../api/types.js';
import { useI18n } from '../i18n/I18nContext.js';
import type { Messages } from '../i18n/uiMessages.js';
import { LanguageSwitch } from './LanguageSwitch.js';

function signInProblem(err: unknown, t: Messages): string {
  if (err instanceof ApiError && err.status === 401) return t.wrongCredentials;
  if (err instanceof ApiError && err.status === 429) return t.throttled(err.retryAfterSeconds);
  if (err instanceof ApiError) return err.message;
  return t.networkError;
}

export interface SignInPageProps {
  readonly onSignedIn: (user: User) => void;
  readonly onLocale: (locale: Locale) => void;
}

export function SignInPage({ onSignedIn, onLocale }: SignInPageProps) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const { user } = await leadforgeApi.signIn(email.trim(), password);
      onSignedIn(user);
    } catch (err) {
      setProblem(signInProblem(err, t));
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={submit}>
        <div className="brand">Leadforge</div>
        <h1>{t.signInTitle}</h1>
        <label>
          {t.email}
          <input
            name="email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t.password}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t.signingIn : t.signIn}
        </button>
        <LanguageSwitch onLocale={onLocale} />
      </form>
    </main>
  );
}
