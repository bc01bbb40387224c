// Pending clock callbacks kept in time order, shared by the clocks that fire them themselves.

interface Timer {
  time: number;
  fn: () => void;
}

export class TimerQueue {
  // Few timers are ever pending (one per context), so a sorted array beats a heap here.
  private timers: Timer[] = [];

  add(time: number, fn: () => void): () => void {
    const timer: Timer = { time, fn };
    let i = this.timers.length;
    while (i > 0 && this.timers[i - 1]!.time > time) i--;
    this.timers.splice(i, 0, timer);
    return () => {
      const at = this.timers.indexOf(timer);
      if (at >= 0) this.timers.splice(at, 1);
    };
  }

  /** The earliest pending time, or undefined. */
  nextTime(): number | undefined {
    return this.timers[0]?.time;
  }

  /** Removes and returns the earliest timer due at or before `time`. */
  takeDue(time: number): (() => void) | undefined {
    const first = this.timers[0];
    if (!first || first.time > time) return undefined;
    this.timers.shift();
    return first.fn;
  }

  get size(): number {
    return this.timers.length;
  }
}
