import { useCallback, useState } from 'react';

/**
 * Server-side keyset paging for a list: remembers the cursor of every page seen, so 上一页 goes
 * back without the server keeping state. `reset()` when the filters change.
 */
export function useKeysetPages() {
  // cursors[i] fetches page i; page 0 needs none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [index, setIndex] = useState(0);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const next = useCallback(() => {
    if (!nextCursor) return;
    setCursors((c) => [...c.slice(0, index + 1), nextCursor]);
    setIndex((i) => i + 1);
  }, [index, nextCursor]);
  const prev = useCallback(() => setIndex((i) => Math.max(0, i - 1)), []);
  const reset = useCallback(() => {
    setCursors([undefined]);
    setIndex(0);
  }, []);
  return { cursor: cursors[index], index, hasNext: !!nextCursor, setNextCursor, next, prev, reset };
}
