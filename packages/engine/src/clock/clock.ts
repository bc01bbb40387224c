// The clock decides engine time: when batches close and what time a record without one gets.
// Implementations: SystemClock (live), ReplayClock (a recording's time, scaled), ManualClock (tests, offline).

/** Cancels a scheduled callback; calling it after the callback ran is harmless. */
export type Cancel = () => void;

/** Lets a context make a virtual clock's `advanceTo` wait until its batches up to that time are processed. */
export type DrainHook = (time: number) => Promise<void>;

interface ClockBase {
  /** Clock time in epoch ms. Throws ClockNotStartedError if the clock has no time yet. */
  now(): number;
  /** False until the clock has a time: a replay clock before start(t), a manual clock before its first advance. */
  isStarted(): boolean;
  /** Calls `fn` once when the clock starts (at once if it has started). */
  whenStarted(fn: () => void): Cancel;
  /** Calls `fn` once the clock reaches `time` (at once, asynchronously, if it already has). */
  schedule(time: number, fn: () => void): Cancel;
}

/**
 * A clock that moves with wall time by itself. Processing that falls behind it is backpressure,
 * and the context bounds the records of still-open batches.
 */
export interface WallClock extends ClockBase {
  readonly virtual: false;
  /** Clock time per wall time, read at every batch: 1 live, the speed factor of a replay. */
  getSpeed(): number;
}

/**
 * A clock moved only by its owner and by the records' own timestamps ("as fast as possible"): no
 * wall time to fall behind, so no backpressure, and an open batch closes only when later records
 * arrive (its records are not bounded).
 */
export interface VirtualClock extends ClockBase {
  readonly virtual: true;
  /** Moves time forward to `time` (never back) and fires what is due; it does not wait for processing. */
  tick(time: number): void;
  /** Advances to `time` and resolves once every attached context has processed the batches due by then. */
  advanceTo(time: number): Promise<void>;
  /** Used by StreamingContext: `advanceTo` awaits the hook. Returns a function that detaches it. */
  addDrainHook(hook: DrainHook): Cancel;
}

/** What a StreamingContext needs from its clock; `virtual` tells the two kinds apart. */
export type Clock = WallClock | VirtualClock;
