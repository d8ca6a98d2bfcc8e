import { useCallback, useEffect, useState } from 'react';
import { useShowError } from '../../hooks/use-api-error';
import type { Page } from '../../services/types';

export interface CursorPages<T> {
  items: T[];
  loading: boolean;
  hasPrev: boolean;
  hasNext: boolean;
  prev(): void;
  next(): void;
  reload(): void;
}

/**
 * Server paging by cursor for a list page: keeps the cursor of every page seen, so 上一页 goes back
 * without the server knowing offsets. `fetchPage` must be stable (useCallback) and restart paging
 * when its inputs change.
 */
export function useCursorPages<T>(fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>): CursorPages<T> {
  const showError = useShowError();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [index, setIndex] = useState(0);
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    setCursors([undefined]);
    setIndex(0);
  }, [fetchPage]);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    fetchPage(cursors[index], ctrl.signal)
      .then((p) => {
        setItems(p.items);
        setNextCursor(p.nextCursor);
      })
      .catch(showError)
      .finally(() => !ctrl.signal.aborted && setLoading(false));
    return () => ctrl.abort();
  }, [fetchPage, cursors, index, tick, showError]);

  return {
    items,
    loading,
    hasPrev: index > 0,
    hasNext: !!nextCursor,
    prev: useCallback(() => setIndex((i) => Math.max(0, i - 1)), []),
    next: useCallback(() => {
      if (!nextCursor) return;
      setCursors((c) => [...c.slice(0, index + 1), nextCursor]);
      setIndex((i) => i + 1);
    }, [nextCursor, index]),
    reload: useCallback(() => setTick((t) => t + 1), []),
  };
}
