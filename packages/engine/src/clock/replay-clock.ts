// A recording's own time played back at a speed factor: time = start + (wall elapsed) × speed.
// Batches close on this clock's schedule even when no records arrive; pause freezes it.
import { ClockNotStartedError } from '../errors.js';
import type { Cancel, WallClock } from './clock.js';
import { TimerQueue } from './timer-queue.js';
import { StartWaiters } from './start-waiters.js';
import { timerDelay } from './timer-delay.js';

export interface ReplayClockOptions {
  /** Playback speed: 1 = real time, 10 = ten times faster. Default 1. */
  speed?: number;
  /** Recording time at which to start running now; without it the clock waits for start(t). */
  startTime?: number;
  /** Wall time source in ms (monotonic); injectable for tests. Default performance.now. */
  wallNow?: () => number;
}

export class ReplayClock implements WallClock {
  readonly virtual = false;
  private speed: number;
  private readonly wallNow: () => number;
  /** Recording time at wall instant `wallBase`. */
  private base: number | undefined;
  private wallBase = 0;
  private paused = false;
  private readonly timers = new TimerQueue();
  private handle: ReturnType<typeof setTimeout> | undefined;
  private readonly startWaiters = new StartWaiters();

  constructor(options: ReplayClockOptions = {}) {
    this.speed = checkSpeed(options.speed ?? 1);
    this.wallNow = options.wallNow ?? (() => performance.now());
    if (options.startTime !== undefined) this.start(options.startTime);
  }

  /** Sets the recording time to `time` now and runs (unpaused). Later calls must not go backwards. */
  start(time: number): void {
    if (this.base !== undefined && time < this.now()) {
      throw new RangeError(
        `replay clock cannot go back from ${new Date(this.now()).toISOString()} to ${new Date(time).toISOString()}: shift later passes forward`,
      );
    }
    // Stryker disable next-line ConditionalExpression: equivalent, release() empties the list and later waiters run at once
    const first = this.base === undefined;
    this.base = time;
    this.wallBase = this.wallNow();
    this.paused = false;
    // Stryker disable next-line ConditionalExpression: equivalent, release() empties the list and later waiters run at once
    if (first) this.startWaiters.release();
    this.rearm();
  }

  now(): number {
    if (this.base === undefined) {
      throw new ClockNotStartedError(
        'the replay clock has no time yet: call start(t) with the recording time to begin at',
      );
    }
    if (this.paused) return this.base;
    return this.base + (this.wallNow() - this.wallBase) * this.speed;
  }

  /** The speed factor: recording time per wall time. */
  getSpeed(): number {
    return this.speed;
  }

  setSpeed(speed: number): void {
    checkSpeed(speed);
    if (this.base !== undefined && !this.paused) this.rebase();
    this.speed = speed;
    this.rearm();
  }

  pause(): void {
    if (this.paused || this.base === undefined) {
      this.paused = this.base !== undefined;
      return;
    }
    this.rebase();
    this.paused = true;
    this.rearm();
  }

  resume(): void {
    if (!this.paused) return;
    this.wallBase = this.wallNow();
    this.paused = false;
    this.rearm();
  }

  isPaused(): boolean {
    return this.paused;
  }

  isStarted(): boolean {
    return this.base !== undefined;
  }

  whenStarted(fn: () => void): Cancel {
    return this.startWaiters.add(fn, this.base !== undefined);
  }

  schedule(time: number, fn: () => void): Cancel {
    const cancel = this.timers.add(time, fn);
    this.rearm();
    return () => {
      cancel();
      this.rearm();
    };
  }

  private rebase(): void {
    this.base = this.now();
    this.wallBase = this.wallNow();
  }

  /** One wall timer for the earliest callback; recomputed whenever speed, pause or start change. */
  private rearm(): void {
    clearTimeout(this.handle);
    this.handle = undefined;
    const next = this.timers.nextTime();
    if (next === undefined || this.base === undefined || this.paused) return;
    // A far callback (a year ahead at 1x) gets the longest timer Node allows; fire() re-arms.
    this.handle = setTimeout(() => this.fire(), timerDelay((next - this.now()) / this.speed));
  }

  private fire(): void {
    this.handle = undefined;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: unreachable, rearm() arms only a started, running clock and pause() clears the timer
    if (this.base === undefined || this.paused) return;
    const now = this.now();
    for (let fn = this.timers.takeDue(now); fn; fn = this.timers.takeDue(now)) fn();
    this.rearm();
  }
}

function checkSpeed(speed: number): number {
  if (!(Number.isFinite(speed) && speed > 0)) {
    throw new RangeError(`replay speed ${speed} must be a positive finite number (1 = real time)`);
  }
  return speed;
}
