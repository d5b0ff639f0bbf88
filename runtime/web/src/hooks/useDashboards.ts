import { useEffect, useState } from 'react';
import type { DashboardSummary } from '../api/dashboardTypes.js';
import { leadforgeApi } from '../api/leadforgeApi.js';
import { useSession } from '../session/SessionContext.js';

export type DashboardsState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly dashboards: readonly DashboardSummary[] }
  | { readonly kind: 'failed'; readonly message: string };

/** The dashboards the user may read, labelled in the locale. */
export function useDashboards(locale: string): DashboardsState {
  const { reportError } = useSession();
  const [state, setState] = useState<DashboardsState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    leadforgeApi.dashboards(locale).then(
      ({ dashboards }) => {
        if (live) setState({ kind: 'loaded', dashboards });
      },
      (err: unknown) => {
        reportError(err);
        if (live) setState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [locale, reportError]);
  return state;
}
