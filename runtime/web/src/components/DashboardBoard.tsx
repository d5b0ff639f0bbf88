import { useCallback, useState } from 'react';
import type { DashboardParams, DashboardSummary, WidgetRun } from '../api/dashboardTypes.js';
import { leadforgeApi } from '../api/leadforgeApi.js';
import type { AppInfo } from '../api/types.js';
import type { DrillRequest } from '../charts/drillPoint.js';
import { useDashboardRun } from '../hooks/useDashboardRun.js';
import { useFilterPeople } from '../hooks/useFilterPeople.js';
import { useI18n } from '../i18n/I18nContext.js';
import { type DashboardChoice, filteredObjectPath } from '../navigation/route.js';
import { useSession } from '../session/SessionContext.js';
import { DashboardFilterBar } from './DashboardFilterBar.js';
import { DashboardWidget } from './DashboardWidget.js';

export interface DashboardBoardProps {
  readonly app: AppInfo;
  readonly dashboard: DashboardSummary;
  /** The global filters picked (kept in the address, so Back from a drill-down returns to them). */
  readonly choice: DashboardChoice;
  readonly onChoice: (choice: DashboardChoice) => void;
  readonly onGo: (address: string) => void;
}

/** Height of one grid row of a dashboard, in pixels. */
const ROW_HEIGHT = 64;

/**
 * One dashboard: its filter bar and its widgets on the dashboard's grid. Clicking a bar, slice or
 * funnel step asks the API for the records behind it and opens their list.
 */
export function DashboardBoard({ app, dashboard, choice, onChoice, onGo }: DashboardBoardProps) {
  const { locale, t } = useI18n();
  const { reportError } = useSession();
  const params: DashboardParams = { ...choice, locale };
  const { run, loading, error } = useDashboardRun(dashboard.id, params);
  const people = useFilterPeople(app.admin);
  const [notes, setNotes] = useState<Readonly<Record<string, string>>>({});

  const effectiveDateRange = choice.dateRange ?? dashboard.filters?.dateRange?.default;
  const drill = useCallback(
    async (widget: WidgetRun, request: DrillRequest) => {
      const say = (note: string) => setNotes((old) => ({ ...old, [widget.id]: note }));
      say(t.drilling);
      try {
        const answer = await leadforgeApi.drill(
          widget.report,
          { dateRange: effectiveDateRange, team: choice.team, owner: choice.owner, locale },
          request.keys,
          request.measure,
        );
        if (answer.source === 'object' && app.objects.some((o) => o.name === answer.object)) {
          onGo(filteredObjectPath(answer.object, answer.filter));
        } else {
          say(t.drillNoList(request.labels.join(' · '), answer.count));
        }
      } catch (err) {
        reportError(err);
        say(err instanceof Error ? err.message : String(err));
      }
    },
    [app.objects, choice.team, choice.owner, effectiveDateRange, locale, onGo, reportError, t],
  );

  return (
    <div className="dashboard" data-dashboard={dashboard.id} aria-busy={loading}>
      <DashboardFilterBar
        filters={dashboard.filters}
        choice={choice}
        people={people}
        onChange={(next) => {
          setNotes({});
          onChoice(next);
        }}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {run && (
        <div
          className="dashboard-grid"
          style={{
            gridTemplateColumns: `repeat(${run.dashboard.columns}, minmax(0, 1fr))`,
            gridAutoRows: `${ROW_HEIGHT}px`,
          }}
        >
          {run.widgets.map((widget) => (
            <DashboardWidget key={widget.id} widget={widget} note={notes[widget.id]} onDrill={drill} />
          ))}
        </div>
      )}
      {!run && loading && <p className="muted">{t.loading}</p>}
    </div>
  );
}
