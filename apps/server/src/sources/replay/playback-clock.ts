// What the replay needs of the engine's clocks, as structural interfaces: the engine's
// ReplayClock satisfies PlaybackClock and its ManualClock satisfies TimeSource. Wall time is
// injectable so tests can run a replay on virtual time.
import { timerDelay } from '@hashpulse/engine';

/** A clock the replay can read: the engine's ManualClock in 'max' mode. */
export interface TimeSource {
  now(): number;
  isStarted(): boolean;
}

/** The replay clock: recording time = start + wall elapsed × speed. */
export interface PlaybackClock extends TimeSource {
  /** Sets the recording time to `time` now (never backwards) and runs. */
  start(time: number): void;
  setSpeed(speed: number): void;
  pause(): void;
  resume(): void;
}

/** Wall time for waiting between records. */
export interface WallTimer {
  /** Monotonic milliseconds. */
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemWall: WallTimer = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      // Capped at Node's timer limit: every caller re-checks its condition after a sleep.
      const timer = setTimeout(done, timerDelay(ms));
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    }),
};
