import { useEffect, useState } from 'react';
import type { DashboardParams, DashboardRun } from '../api/dashboardTypes.js';
import { leadforgeApi } from '../api/leadforgeApi.js';
import { useSession } from '../session/SessionContext.js';

export interface DashboardRunState {
  /** The latest answer; kept while a new one loads so the widgets do not flicker. */
  readonly run: DashboardRun | null;
  readonly loading: boolean;
  readonly error: string | null;
}

/** Runs a dashboard with the viewer's global filters; an older answer arriving late is dropped. */
export function useDashboardRun(id: string, params: DashboardParams): DashboardRunState {
  const { reportError } = useSession();
  const [state, setState] = useState<DashboardRunState>({ run: null, loading: true, error: null });
  const { dateRange, team, owner, locale } = params;
  useEffect(() => {
    let live = true;
    setState((old) => ({ ...old, loading: true, error: null }));
    leadforgeApi.runDashboard(id, { dateRange, team, owner, locale }).then(
      (run) => {
        if (live) setState({ run, loading: false, error: null });
      },
      (err: unknown) => {
        reportError(err);
        if (live)
          setState((old) => ({ ...old, loading: false, error: err instanceof Error ? err.message : String(err) }));
      },
    );
    return () => {
      live = false;
    };
  }, [id, dateRange, team, owner, locale, reportError]);
  return state;
}
