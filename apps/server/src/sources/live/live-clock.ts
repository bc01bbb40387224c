// Time as the live source sees it: the current time, retry waits and the stall timer. Injected so
// tests run the real reconnect schedules without waiting them out.
import { setTimeout as delay } from 'node:timers/promises';

export interface LiveClock {
  /** Epoch ms, for status times (next retry, rate-limit reset). */
  now(): number;
  /** Waits `ms` before a reconnect; settles early (without error) when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** A one-shot timer (the stall detector); returns its cancel function. */
  timer(ms: number, fire: () => void): () => void;
}

export const systemLiveClock: LiveClock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    if (signal.aborted) return;
    try {
      await delay(ms, undefined, { signal });
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  },
  timer: (ms, fire) => {
    const handle = setTimeout(fire, ms);
    return () => clearTimeout(handle);
  },
};
