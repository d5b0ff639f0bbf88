import { useEffect, useState } from 'react';
import { leadforgeApi } from '../api/leadforgeApi.js';
import type { HistoryEntry } from '../api/types.js';
import { useSession } from '../session/SessionContext.js';

export type HistoryState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly history: readonly HistoryEntry[] }
  | { readonly kind: 'failed'; readonly message: string };

/** A record's history, newest first; loads again when the record's version changes. */
export function useRecordHistory(object: string, id: string, version: number): HistoryState {
  const { reportError } = useSession();
  const [state, setState] = useState<HistoryState>({ kind: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version means new history to load
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    leadforgeApi.recordHistory(object, id).then(
      ({ history }) => {
        if (live) setState({ kind: 'loaded', history: [...history].sort((a, b) => b.version - a.version) });
      },
      (err: unknown) => {
        reportError(err);
        if (live) setState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [object, id, version, reportError]);
  return state;
}
