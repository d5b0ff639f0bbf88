import { useEffect } from 'react';
import type { AppInfo } from '../api/types.js';
import { useDashboards } from '../hooks/useDashboards.js';
import type { Go } from '../hooks/useRoute.js';
import { useI18n } from '../i18n/I18nContext.js';
import { type DashboardChoice, dashboardPath } from '../navigation/route.js';
import { DashboardBoard } from './DashboardBoard.js';

const NO_CHOICE: DashboardChoice = { dateRange: undefined, team: undefined, owner: undefined };

export interface DashboardsViewProps {
  readonly app: AppInfo;
  /** The dashboard in the address; the first one when none is. */
  readonly selected: string | undefined;
  /** The filters in the address. */
  readonly choice: DashboardChoice;
  readonly onGo: Go;
}

/** The dashboards the user may read: a switch between them and the chosen one drawn. */
export function DashboardsView({ app, selected, choice, onGo }: DashboardsViewProps) {
  const { locale, t } = useI18n();
  const list = useDashboards(locale);
  const dashboards = list.kind === 'loaded' ? list.dashboards : [];
  const shown = dashboards.find((d) => d.id === selected) ?? dashboards[0];

  useEffect(() => {
    // `/dashboards` (or an unknown id) shows the first dashboard; the address says which.
    if (shown && shown.id !== selected) onGo(dashboardPath(shown.id), { replace: true });
  }, [shown, selected, onGo]);

  return (
    <section className="dashboards-view" aria-labelledby="dashboard-title">
      <div className="toolbar">
        <h1 id="dashboard-title">{shown?.label ?? t.dashboards}</h1>
        {dashboards.length > 1 && (
          <nav className="dashboard-tabs" aria-label={t.dashboards}>
            {dashboards.map((d) => (
              <a
                key={d.id}
                href={dashboardPath(d.id)}
                aria-current={d.id === shown?.id ? 'page' : undefined}
                onClick={(event) => {
                  if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                  event.preventDefault();
                  onGo(dashboardPath(d.id));
                }}
              >
                {d.label}
              </a>
            ))}
          </nav>
        )}
      </div>
      {list.kind === 'loading' && <p className="muted">{t.loading}</p>}
      {list.kind === 'failed' && (
        <p className="form-error" role="alert">
          {list.message}
        </p>
      )}
      {list.kind === 'loaded' && !shown && <p className="empty">{t.noDashboards}</p>}
      {shown && (
        <DashboardBoard
          key={shown.id}
          app={app}
          dashboard={shown}
          choice={shown.id === selected ? choice : NO_CHOICE}
          onChoice={(next) => onGo(dashboardPath(shown.id, next), { replace: true })}
          onGo={onGo}
        />
      )}
    </section>
  );
}
