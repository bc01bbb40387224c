// A clock moved only by its owner: tests, and "as fast as possible" offline analysis where time
// advances with the records' own timestamps, so results equal a real-time replay of the same data.
import { ClockNotStartedError } from '../errors.js';
import type { Cancel, DrainHook, VirtualClock } from './clock.js';
import { TimerQueue } from './timer-queue.js';
import { StartWaiters } from './start-waiters.js';

export class ManualClock implements VirtualClock {
  readonly virtual = true;
  private time: number | undefined;
  private readonly timers = new TimerQueue();
  private readonly startWaiters = new StartWaiters();
  private readonly drainHooks = new Set<DrainHook>();
  private firing = false;

  /** Without `startTime` the clock starts at its first advance (e.g. the first record's timestamp). */
  constructor(startTime?: number) {
    // Stryker disable next-line ConditionalExpression: equivalent, without a start time this.time stays undefined
    if (startTime !== undefined) this.time = startTime;
  }

  now(): number {
    if (this.time === undefined) {
      throw new ClockNotStartedError(
        'the manual clock has no time yet: pass a start time to new ManualClock(t), call advanceTo(t), or push records with their time',
      );
    }
    return this.time;
  }

  isStarted(): boolean {
    return this.time !== undefined;
  }

  whenStarted(fn: () => void): Cancel {
    return this.startWaiters.add(fn, this.time !== undefined);
  }

  schedule(time: number, fn: () => void): Cancel {
    const cancel = this.timers.add(time, fn);
    // A timer that is already due fires now (as other clocks would fire it at once).
    if (this.time !== undefined && time <= this.time && !this.firing)
      queueMicrotask(() => this.tick(this.time!));
    return cancel;
  }

  /**
   * Moves time forward to `time` (never backwards) and fires every callback due, synchronously.
   * Contexts use it when a record arrives with a later timestamp; it does not wait for processing.
   */
  tick(time: number): void {
    if (this.time === undefined) {
      this.time = time;
      this.startWaiters.release();
    } else if (time > this.time) {
      this.time = time;
    }
    if (this.firing) return; // the outer loop picks up newly due timers
    this.firing = true;
    try {
      for (let fn = this.timers.takeDue(this.time); fn; fn = this.timers.takeDue(this.time)) fn();
    } finally {
      this.firing = false;
    }
  }

  /** Advances to `time` and resolves once every batch due by then has been processed by attached contexts. */
  async advanceTo(time: number): Promise<void> {
    this.tick(time);
    await Promise.all([...this.drainHooks].map((hook) => hook(this.time!)));
  }

  /** Advances by `ms` from the current time (the clock must have started). */
  advanceBy(ms: number): Promise<void> {
    return this.advanceTo(this.now() + ms);
  }

  /** Used by StreamingContext: `advanceTo` awaits the hook. Returns a function that detaches it. */
  addDrainHook(hook: DrainHook): Cancel {
    this.drainHooks.add(hook);
    return () => this.drainHooks.delete(hook);
  }
}
