import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import type { Page } from '../services/types';
import { useShowError } from './use-api-error';

export interface CursorPages<T> {
  items: T[];
  /** For pages that patch rows from the live feed without refetching. */
  setItems: Dispatch<SetStateAction<T[]>>;
  loading: boolean;
  index: number;
  hasPrev: boolean;
  hasNext: boolean;
  prev(): void;
  next(): void;
  reload(): void;
  /** Back to the newest page and fetch it again, e.g. after creating a row. */
  first(): void;
}

type FetchPage<T> = (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>;

/**
 * Server paging by keyset cursor, the one way every list in the desk pages: keeps the cursor of every
 * page seen, so 上一页 goes back without the server knowing offsets. `fetchPage` must be stable
 * (useCallback); when its inputs (filters, center) change it is a new list and paging starts again.
 */
export function useCursorPages<T>(fetchPage: FetchPage<T>): CursorPages<T> {
  const showError = useShowError();
  const [paging, setPaging] = useState({ source: fetchPage, cursors: [undefined] as (string | undefined)[], index: 0 });
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);

  // A new fetchPage is a new list: reset while rendering rather than in an effect, so the old
  // cursor is never sent with the new filters.
  let current = paging;
  if (paging.source !== fetchPage) {
    current = { source: fetchPage, cursors: [undefined], index: 0 };
    setPaging(current);
  }
  const cursor = current.cursors[current.index];
  const index = current.index;

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    fetchPage(cursor, ctrl.signal)
      .then((p) => {
        setItems(p.items);
        setNextCursor(p.nextCursor);
      })
      .catch(showError)
      .finally(() => !ctrl.signal.aborted && setLoading(false));
    return () => ctrl.abort();
  }, [fetchPage, cursor, index, tick, showError]);

  return {
    items,
    setItems,
    loading,
    index,
    hasPrev: index > 0,
    hasNext: !!nextCursor,
    prev: useCallback(() => setPaging((p) => ({ ...p, index: Math.max(0, p.index - 1) })), []),
    next: useCallback(() => {
      if (!nextCursor) return;
      setPaging((p) => ({ ...p, cursors: [...p.cursors.slice(0, p.index + 1), nextCursor], index: p.index + 1 }));
    }, [nextCursor]),
    reload: useCallback(() => setTick((t) => t + 1), []),
    first: useCallback(() => {
      setPaging((p) => ({ ...p, cursors: [undefined], index: 0 }));
      setTick((t) => t + 1);
    }, []),
  };
}
