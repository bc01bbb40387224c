// A LiveClock whose reconnect waits return at once and are written down, so tests check the
// delays a source chose without waiting them out. The stall timer stays on real time.
import { systemLiveClock, type LiveClock } from '../../../src/sources/live/live-clock.js';

export interface FastClock extends LiveClock {
  /** Every wait the source asked for, in order (ms). */
  delays: number[];
}

export function fastClock(now: () => number = () => Date.now()): FastClock {
  const delays: number[] = [];
  return {
    delays,
    now,
    sleep: async (ms) => {
      delays.push(ms);
      // Yield to I/O so a retry loop never starves the event loop.
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    timer: systemLiveClock.timer,
  };
}
