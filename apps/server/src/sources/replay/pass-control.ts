// What a playing replay pass obeys: pause, and the stop or restart that interrupts it, with waits
// that wake at once when either changes. An interruption is checked, never thrown: every wait
// says whether it was interrupted and the pass returns.
import type { PlaybackClock, WallTimer } from './playback-clock.js';

/** How a wait or a pass ended: it ran to its end, or stop() / restart() interrupted it. */
export type Outcome = 'done' | 'interrupted';

export class PassControl {
  paused = false;
  stopRequested = false;
  restartRequested = false;
  private wakeController = new AbortController();
  private resumeWaiter: (() => void) | null = null;

  constructor(private readonly wall: WallTimer) {}

  /** stop() or restart() was asked for: the pass in progress ends at its next check. */
  get interrupted(): boolean {
    return this.stopRequested || this.restartRequested;
  }

  /** Ends the current sleep or pause wait so the pass looks at its controls again. */
  wake(): void {
    this.wakeController.abort();
    this.wakeController = new AbortController();
    const waiter = this.resumeWaiter;
    this.resumeWaiter = null;
    waiter?.();
  }

  /** Wall-time sleep that wake() cuts short. */
  async sleep(ms: number): Promise<void> {
    await this.wall.sleep(ms, this.wakeController.signal);
  }

  async waitWhilePaused(): Promise<Outcome> {
    while (this.paused) {
      if (this.interrupted) return 'interrupted';
      await new Promise<void>((resolve) => (this.resumeWaiter = resolve));
    }
    return this.interrupted ? 'interrupted' : 'done';
  }

  /** Waits until the replay clock reaches `time` (timed speeds), honouring pause and speed changes. */
  async waitForClock(clock: PlaybackClock, time: number, speed: () => number): Promise<Outcome> {
    for (;;) {
      if ((await this.waitWhilePaused()) === 'interrupted') return 'interrupted';
      const now = clock.now();
      if (time <= now) return 'done';
      await this.sleep((time - now) / speed());
    }
  }

  /** Backpressure at 'max': waits until `claim` (the pacer's) gives the record its wall-time slot. */
  async waitForSlot(claim: () => number): Promise<Outcome> {
    for (let wait = claim(); wait > 0; wait = claim()) {
      await this.sleep(wait);
      if ((await this.waitWhilePaused()) === 'interrupted') return 'interrupted';
    }
    return 'done';
  }
}
