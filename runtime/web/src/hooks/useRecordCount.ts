import { useEffect, useState } from 'react';
import { leadforgeApi } from '../api/leadforgeApi.js';
import { useSession } from '../session/SessionContext.js';

export type CountState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'counted'; readonly count: number }
  | { readonly kind: 'failed'; readonly message: string };

/** How many records of an object a filter (JSON text) matches under the user's scope. */
export function useRecordCount(object: string, filter: string): CountState {
  const { reportError } = useSession();
  const [state, setState] = useState<CountState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    leadforgeApi.countRecords(object, filter).then(
      ({ count }) => {
        if (live) setState({ kind: 'counted', count });
      },
      (err: unknown) => {
        reportError(err);
        if (live) setState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [object, filter, reportError]);
  return state;
}
