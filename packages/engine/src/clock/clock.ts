// The clock decides engine time: when batches close and what time a record without one gets.
// Implementations: SystemClock (live), ReplayClock (a recording's time, scaled), ManualClock (tests, offline).

/** Cancels a scheduled callback; calling it after the callback ran is harmless. */
export type Cancel = () => void;

export interface Clock {
  /** Clock time in epoch ms. Throws ClockNotStartedError if the clock has no time yet. */
  now(): number;
  /** False until the clock has a time: a replay clock before start(t), a manual clock before its first advance. */
  isStarted(): boolean;
  /** Calls `fn` once when the clock starts (at once if it has started). */
  whenStarted(fn: () => void): Cancel;
  /** Calls `fn` once the clock reaches `time` (at once, asynchronously, if it already has). */
  schedule(time: number, fn: () => void): Cancel;
}
