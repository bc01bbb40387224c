// The stretches of a recording without tweets that a replay passes at once: which recording time
// has tweets (indexed on the first pass, at the threshold's granularity, for an ETA that leaves
// gaps out) and the gaps passed so far (bounded, for the status and the dashboard's timelines).
import type { ReplayGap } from '@hashpulse/protocol';

/** Gaps kept for the status: the dashboard marks the recent ones on its timelines. */
const GAPS_KEPT = 20;

export class ReplayGaps {
  private readonly active = new Set<number>();
  private sorted: number[] | null = null;
  private lastTweet = Number.NEGATIVE_INFINITY;
  private readonly recent: ReplayGap[] = [];
  /** Recording time left out so far, over every gap passed. */
  skippedMs = 0;

  constructor(readonly thresholdMs: number) {}

  /** A tweet at recording time `time`, met by the first pass (or a streamed recording's first play). */
  noteTweet(time: number): void {
    this.active.add(Math.floor(time / this.thresholdMs));
    // Stryker disable next-line EqualityOperator: equivalent, an equal time leaves the last tweet as it is
    if (time > this.lastTweet) this.lastTweet = time;
    this.sorted = null;
  }

  /**
   * Recording time from `time` to the last tweet with the gaps left out, to within one threshold
   * per stretch of tweets: the playing time still ahead at 1x.
   */
  busyTimeAfter(time: number): number {
    const sorted = (this.sorted ??= [...this.active].sort((a, b) => a - b));
    const bucket = Math.floor(time / this.thresholdMs);
    // Buckets after the current one, by binary search.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! <= bucket) lo = mid + 1;
      else hi = mid;
    }
    const inCurrent = this.active.has(bucket) ? (bucket + 1) * this.thresholdMs - time : 0;
    // Whole buckets overcount the last one: never more than the time to the last tweet.
    return Math.max(0, Math.min(this.lastTweet - time, (sorted.length - lo) * this.thresholdMs + inCurrent));
  }

  /** The latest tweet time noted so far (a streamed recording notes its tweets as it plays). */
  get latestTweet(): number {
    return this.lastTweet;
  }

  /** True when the time from `previous` to `next` is a gap to pass at once. */
  isGap(previous: number, next: number): boolean {
    return next - previous > this.thresholdMs;
  }

  /** A gap was passed (engine time). */
  passed(from: number, to: number): void {
    this.skippedMs += to - from;
    this.recent.push({ from, to });
    if (this.recent.length > GAPS_KEPT) this.recent.shift();
  }

  list(): ReplayGap[] {
    return this.recent.map((gap) => ({ ...gap }));
  }
}
