// Wall-clock time for live streams.
import type { Cancel, WallClock } from './clock.js';
import { timerDelay } from './timer-delay.js';

export class SystemClock implements WallClock {
  readonly virtual = false;

  now(): number {
    return Date.now();
  }

  /** Real time: one clock millisecond per wall millisecond. */
  getSpeed(): number {
    return 1;
  }

  isStarted(): boolean {
    return true;
  }

  whenStarted(fn: () => void): Cancel {
    queueMicrotask(fn);
    return () => {};
  }

  schedule(time: number, fn: () => void): Cancel {
    let handle: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    const arm = (): void => {
      // Date.now() and the timer's monotonic clock can disagree by a millisecond, and a far time
      // gets the longest timer Node allows: re-arm until due.
      handle = setTimeout(
        () => {
          // Stryker disable next-line ConditionalExpression: equivalent in Node, clearTimeout already keeps a cleared timer from running
          if (cancelled) return;
          if (Date.now() < time) arm();
          else fn();
        },
        timerDelay(time - Date.now()),
      );
    };
    arm();
    return () => {
      // Stryker disable next-line BooleanLiteral: equivalent in Node, clearTimeout already keeps a cleared timer from running
      cancelled = true;
      clearTimeout(handle);
    };
  }
}
