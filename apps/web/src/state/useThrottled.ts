// Passes a fast-changing value on at most once per interval (the latest value, on the trailing edge).
// Charts redraw whole SVGs, so with a 100 ms slide they follow at a readable pace instead of
// redrawing ten times a second; the first value and slow streams pass through at once.
import { useEffect, useRef, useState } from 'react';

export function useThrottled<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const lastShownAt = useRef(0);
  useEffect(() => {
    const wait = lastShownAt.current + intervalMs - Date.now();
    if (wait <= 0) {
      lastShownAt.current = Date.now();
      setShown(value);
      return;
    }
    const timer = window.setTimeout(() => {
      lastShownAt.current = Date.now();
      setShown(value);
    }, wait);
    return () => window.clearTimeout(timer);
  }, [value, intervalMs]);
  return shown;
}
