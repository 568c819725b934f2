import { useCallback, useState } from 'react';

const STORAGE_PREFIX = 'casebook:form-session:';

function newSessionId(): string {
  return crypto.randomUUID();
}

function readOrCreate(userId: string): string {
  const key = `${STORAGE_PREFIX}${userId}`;
  try {
    const stored = sessionStorage.getItem(key);
    if (stored && /^[0-9a-f-]{36}$/i.test(stored)) return stored;
    const id = newSessionId();
    sessionStorage.setItem(key, id);
    return id;
  } catch {
    return newSessionId(); // storage disabled: one session per page view
  }
}

/**
 * The id under which this case form reports recommended-solution events (issue 4, deflection). It lasts
 * for the browser tab, so a reload or a detour through sign-in continues the same form; a new one starts
 * after the case is opened or the draft is discarded.
 */
export function useFormSession(userId: string): { id: string; renew(): void } {
  const [id, setId] = useState(() => readOrCreate(userId));
  const renew = useCallback(() => {
    const next = newSessionId();
    try {
      sessionStorage.setItem(`${STORAGE_PREFIX}${userId}`, next);
    } catch {
      /* storage disabled */
    }
    setId(next);
  }, [userId]);
  return { id, renew };
}
