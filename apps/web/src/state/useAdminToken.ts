// The admin token for control calls, kept in localStorage so a reload keeps it.
import { useCallback, useState } from 'react';

const KEY = 'hashpulse.adminToken';

function read(): string {
  try {
    return window.localStorage.getItem(KEY) ?? '';
  } catch {
    // Storage can be disabled (private mode, policies); the token then lives for this page only.
    return '';
  }
}

export function useAdminToken(): [string, (token: string) => void] {
  const [token, setToken] = useState(read);
  const save = useCallback((next: string) => {
    const value = next.trim();
    setToken(value);
    try {
      if (value) window.localStorage.setItem(KEY, value);
      else window.localStorage.removeItem(KEY);
    } catch {
      // See read(): without storage the token still works until the page closes.
    }
  }, []);
  return [token, save];
}
