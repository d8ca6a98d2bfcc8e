/**
 * The signed-in session: kept in memory, mirrored in sessionStorage so a reload of the tab keeps
 * the user signed in (closing the tab ends it). Nothing else in the desk touches storage.
 */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Milliseconds since the epoch when the access token expires. */
  expiresAt: number;
  center: string;
}

const KEY = 'syn.desk.session';
type Listener = (s: StoredSession | null) => void;

let current: StoredSession | null = read();
const listeners = new Set<Listener>();

function read(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

export const sessionStore = {
  get(): StoredSession | null {
    return current;
  },
  set(s: StoredSession | null): void {
    current = s;
    if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
    else sessionStorage.removeItem(KEY);
    for (const l of listeners) l(s);
  },
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};
