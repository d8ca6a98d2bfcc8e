import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { accessOf, type Access } from '../access';
import { fetchMe, logout } from '../services/auth';
import { sessionStore } from '../services/session-store';
import { startRefreshTimer } from '../services/token-refresh';
import type { Me } from '../services/types';

interface SessionState {
  /** undefined while loading, null when signed out. */
  me: Me | null | undefined;
  access: Access;
  reload(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** Holds who is signed in for the whole desk and keeps the access token fresh while they are. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(sessionStore.get() ? undefined : null);

  const reload = useCallback(async () => {
    if (!sessionStore.get()) return setMe(null);
    try {
      setMe(await fetchMe());
    } catch {
      setMe(null);
    }
  }, []);

  useEffect(() => {
    void reload();
    const stopTimer = startRefreshTimer();
    // Signed out elsewhere (a 401 that refresh could not cure): back to the sign-in page.
    const unsubscribe = sessionStore.subscribe((s) => {
      if (!s) setMe(null);
    });
    return () => {
      stopTimer();
      unsubscribe();
    };
  }, [reload]);

  const signOut = useCallback(async () => {
    await logout();
    setMe(null);
  }, []);

  const value = useMemo(() => ({ me, access: accessOf(me ?? null), reload, signOut }), [me, reload, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in user; only for pages under the desk layout, which renders them only when signed in. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}

export function useAccess(): Access {
  return useSession().access;
}
