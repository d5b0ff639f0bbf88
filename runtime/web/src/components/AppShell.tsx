import type { AppInfo, Locale } from '../api/types.js';
import { useSelectedObject } from '../hooks/useSelectedObject.js';
import { useI18n } from '../i18n/I18nContext.js';
import { pickLabel } from '../i18n/pickLabel.js';
import { useSession } from '../session/SessionContext.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { ObjectNav } from './ObjectNav.js';
import { RecordsView } from './RecordsView.js';

export interface AppShellProps {
  readonly app: AppInfo;
  readonly onSignOut: () => void;
  readonly onLocale: (locale: Locale) => void;
}

/** Header (app name, language, user), the object navigation and the selected object's records. */
export function AppShell({ app, onSignOut, onLocale }: AppShellProps) {
  const { locale, t } = useI18n();
  const { user } = useSession();
  const [object, select] = useSelectedObject(app.objects);
  return (
    <div className="shell">
      <header className="top-bar">
        <div className="app-name">{pickLabel(app.name, locale, app.id)}</div>
        <LanguageSwitch onLocale={onLocale} />
        <div className="user">
          <span className="user-name" title={user.email}>
            {user.name}
          </span>
          <button type="button" className="quiet" onClick={onSignOut}>
            {t.signOut}
          </button>
        </div>
      </header>
      <ObjectNav objects={app.objects} selected={object?.name} onSelect={select} />
      <main className="content">
        {object ? <RecordsView key={object.name} object={object} /> : <p className="page-message">{t.noObjects}</p>}
      </main>
    </div>
  );
}
