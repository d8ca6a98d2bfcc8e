import { useEffect, useState } from 'react';
import { useMe } from '../../../hooks/use-session';
import { monthlyStatistics, type NamedCenter } from '../../../services/province';

/**
 * The cities and counties of the province, for filters and targets. The monthly statistics rank
 * every center below the province (a zero is a figure too), so they double as its center list;
 * the same roles read both.
 */
export function useProvinceCenters(): { cities: NamedCenter[]; counties: NamedCenter[] } {
  const me = useMe();
  const [centers, setCenters] = useState<{ cities: NamedCenter[]; counties: NamedCenter[] }>({ cities: [], counties: [] });
  useEffect(() => {
    const ctrl = new AbortController();
    monthlyStatistics(me.center, undefined, ctrl.signal)
      .then((r) => {
        const pick = (level: string) =>
          r.centers
            .filter((c) => c.level === level)
            .map(({ code, name }) => ({ code, name }))
            .sort((a, b) => a.code.localeCompare(b.code));
        setCenters({ cities: pick('city'), counties: pick('county') });
      })
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [me.center]);
  return centers;
}
