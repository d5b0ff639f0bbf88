import { useCallback, useEffect, useRef, useState } from 'react';
import { leadforgeApi } from '../api/leadforgeApi.js';
import type { ApiRecord, RecordPage } from '../api/types.js';
import { useSession } from '../session/SessionContext.js';

export interface RecordList {
  readonly records: readonly ApiRecord[];
  readonly hasMore: boolean;
  readonly loading: boolean;
  readonly error: string | null;
  loadMore(): void;
  reload(): void;
}

const PAGE_SIZE = 50;

/**
 * One object's records, newest first, or the matches of a search; pages on with the API's cursor.
 * A filter (JSON text, e.g. from a drill-down) narrows both.
 */
export function useRecordList(object: string, query: string, filter?: string): RecordList {
  const { reportError } = useSession();
  const [records, setRecords] = useState<readonly ApiRecord[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  // Answers of an older object/search (or a reload) are dropped, so a slow page never mixes lists.
  const current = useRef(0);

  const fetchPage = useCallback(
    (after: string | undefined): Promise<RecordPage> =>
      query === ''
        ? leadforgeApi.listRecords(object, { limit: PAGE_SIZE, cursor: after, filter })
        : leadforgeApi.searchRecords(object, query, { limit: PAGE_SIZE, cursor: after, filter }),
    [object, query, filter],
  );

  const load = useCallback(
    (after: string | undefined) => {
      const ticket = ++current.current;
      setLoading(true);
      setError(null);
      fetchPage(after).then(
        (page) => {
          if (ticket !== current.current) return;
          setRecords((old) => (after === undefined ? page.records : [...old, ...page.records]));
          setCursor(page.nextCursor);
          setLoading(false);
        },
        (err: unknown) => {
          if (ticket !== current.current) return;
          reportError(err);
          setError(err instanceof Error ? err.message : String(err));
          setLoading(false);
        },
      );
    },
    [fetchPage, reportError],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the reload trigger
  useEffect(() => {
    setRecords([]);
    setCursor(null);
    load(undefined);
  }, [load, generation]);

  return {
    records,
    hasMore: cursor !== null,
    loading,
    error,
    loadMore: () => {
      if (cursor !== null && !loading) load(cursor);
    },
    reload: () => setGeneration((g) => g + 1),
  };
}
