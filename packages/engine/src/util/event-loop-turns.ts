// Long synchronous work (a fast replay, a scan of a whole file, thousands of queued batches) hands
// the event loop a turn every few milliseconds, so HTTP requests, sockets and timers never wait for
// all of it. One shape for the engine's scheduler and the server's replay and decoding.

/** Gives the event loop one macrotask turn (timers and I/O run before it resolves). */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

export class EventLoopTurns {
  private last: number;

  /** `afterMs`: work between two turns; `now`: a monotonic clock in ms (swappable in tests). */
  constructor(
    private readonly afterMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.last = now();
  }

  /** True when `afterMs` of work has passed since the last turn. */
  due(): boolean {
    return this.now() - this.last >= this.afterMs;
  }

  /** Takes a turn now. */
  async take(): Promise<void> {
    await nextTurn();
    this.last = this.now();
  }

  /** Takes a turn only when one is due. */
  async takeIfDue(): Promise<void> {
    if (this.due()) await this.take();
  }
}
