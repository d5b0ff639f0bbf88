import { lazy, Suspense } from 'react';
import type { AppInfo, Locale } from '../api/types.js';
import { useRoute } from '../hooks/useRoute.js';
import { useI18n } from '../i18n/I18nContext.js';
import { pickLabel } from '../i18n/pickLabel.js';
import { objectNamed } from '../navigation/objectPath.js';
import { useSession } from '../session/SessionContext.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { ObjectNav } from './ObjectNav.js';
import { RecordsView } from './RecordsView.js';

// Dashboards bring echarts: loaded on the first visit to a dashboard, not with the records list.
const DashboardsView = lazy(() => import('./DashboardsView.js').then((m) => ({ default: m.DashboardsView })));

export interface AppShellProps {
  readonly app: AppInfo;
  readonly onSignOut: () => void;
  readonly onLocale: (locale: Locale) => void;
}

/** Header (app name, language, user), the navigation, and the dashboard or the object's records shown. */
export function AppShell({ app, onSignOut, onLocale }: AppShellProps) {
  const { locale, t } = useI18n();
  const { user } = useSession();
  const [route, go] = useRoute();
  const object = route.kind === 'records' ? objectNamed(route.object, app.objects) : undefined;
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
      <ObjectNav
        objects={app.objects}
        selected={route.kind === 'dashboards' ? { kind: 'dashboards' } : { kind: 'object', name: object?.name }}
        onGo={go}
      />
      <main className="content">
        {route.kind === 'dashboards' ? (
          <Suspense fallback={<p className="muted">{t.loading}</p>}>
            <DashboardsView app={app} selected={route.dashboard} choice={route.choice} onGo={go} />
          </Suspense>
        ) : object ? (
          <RecordsView key={`${object.name} ${route.filter ?? ''}`} object={object} filter={route.filter} onGo={go} />
        ) : (
          <p className="page-message">{t.noObjects}</p>
        )}
      </main>
    </div>
  );
}
