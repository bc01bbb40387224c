// The callbacks waiting for a clock that has no time yet (manual and replay clocks start
// without one): run once when it starts, at once (as a microtask) if it already has.
import type { Cancel } from './clock.js';

export class StartWaiters {
  private readonly waiting: Array<() => void> = [];

  add(fn: () => void, started: boolean): Cancel {
    if (started) {
      queueMicrotask(fn);
      return () => {};
    }
    this.waiting.push(fn);
    return () => {
      const at = this.waiting.indexOf(fn);
      if (at >= 0) this.waiting.splice(at, 1);
    };
  }

  /** Called once, when the clock gets its first time. */
  release(): void {
    for (const waiter of this.waiting.splice(0)) waiter();
  }
}
