// Runs a control call (REST) for a component: tracks pending, keeps the last error for display and
// hands the result back. Errors are shown where the action was taken, once.
import { useCallback, useState } from 'react';

export interface Action<A extends unknown[], R> {
  run(...args: A): Promise<R | undefined>;
  pending: boolean;
  error: Error | null;
  clearError(): void;
}

export function useAction<A extends unknown[], R>(call: (...args: A) => Promise<R>): Action<A, R> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const run = useCallback(
    async (...args: A) => {
      setPending(true);
      setError(null);
      try {
        return await call(...args);
      } catch (caught) {
        // Shown beside the control by <ErrorText>; the caller gets undefined and changes nothing.
        setError(caught instanceof Error ? caught : new Error(String(caught)));
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [call],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, pending, error, clearError };
}
