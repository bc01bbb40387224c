// Light/dark theme: follows prefers-color-scheme until the viewer picks one, which is remembered.
import { useCallback, useEffect, useState } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'hashpulse.theme';

function readChoice(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

/** Sets `data-theme` on <html> (the stylesheet keys its variables on it); "system" removes it. */
export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system') delete document.documentElement.dataset['theme'];
  else document.documentElement.dataset['theme'] = choice;
}

export function initialTheme(): ThemeChoice {
  const choice = readChoice();
  applyTheme(choice);
  return choice;
}

function systemPrefersDark(): boolean {
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

export function useTheme(): { choice: ThemeChoice; dark: boolean; toggle(): void } {
  const [choice, setChoice] = useState<ThemeChoice>(readChoice);
  const [systemDark, setSystemDark] = useState(systemPrefersDark);

  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = (event: MediaQueryListEvent) => setSystemDark(event.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  useEffect(() => applyTheme(choice), [choice]);

  const dark = choice === 'dark' || (choice === 'system' && systemDark);
  const toggle = useCallback(() => {
    // A toggle flips what is shown; choosing what the system already shows goes back to "system".
    const next: ThemeChoice = dark ? 'light' : 'dark';
    const target: ThemeChoice = next === (systemDark ? 'dark' : 'light') ? 'system' : next;
    setChoice(target);
    try {
      if (target === 'system') window.localStorage.removeItem(KEY);
      else window.localStorage.setItem(KEY, target);
    } catch {
      // Without storage the choice holds for this page only.
    }
  }, [dark, systemDark]);
  return { choice, dark, toggle };
}
