// Per-batch partials of one window operator, in batch-time order, kept for the retention horizon
// so any window up to that length can be answered at once after a reconfiguration.

export class PartialStore<P> {
  private times: number[] = [];
  private parts: P[] = [];
  /** Index of the oldest live entry; evicted entries are compacted away in bulk (O(1) amortised). */
  private head = 0;

  /** Appends the partial of batch `time`; batch times only increase. */
  add(time: number, part: P): void {
    const last = this.times[this.times.length - 1];
    if (last !== undefined && time <= last) {
      throw new Error(`partial for batch ${time} arrived after batch ${last}; batch times must increase`);
    }
    this.times.push(time);
    this.parts.push(part);
  }

  /** Drops partials of batches with time ≤ `time`. */
  evictUpTo(time: number): void {
    while (this.head < this.times.length && this.times[this.head]! <= time) {
      // Stryker disable next-line all: memory only; an evicted entry is never read again.
      (this.parts as unknown[])[this.head] = undefined; // release the partial now
      this.head++;
    }
    // When to compact is tuning (memory against copying); partial-store.test.ts pins that it is right.
    // Stryker disable next-line all: compaction threshold only.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.parts = this.parts.slice(this.head);
      this.head = 0;
    }
  }

  /** Partials of the batches with times in (lo, hi], oldest first. */
  *range(lo: number, hi: number): Generator<P> {
    for (let i = this.lowerIndex(lo); i < this.times.length && this.times[i]! <= hi; i++)
      yield this.parts[i]!;
  }

  /** How many partials fall in (lo, hi]. */
  countIn(lo: number, hi: number): number {
    if (hi <= lo) return 0;
    return this.lowerIndex(hi) - this.lowerIndex(lo);
  }

  get size(): number {
    return this.times.length - this.head;
  }

  /** [time, partial] pairs, for checkpoints. */
  entries(): Array<[number, P]> {
    const out: Array<[number, P]> = [];
    for (let i = this.head; i < this.times.length; i++) out.push([this.times[i]!, this.parts[i]!]);
    return out;
  }

  restore(entries: ReadonlyArray<readonly [number, P]>): void {
    this.times = entries.map(([time]) => time);
    this.parts = entries.map(([, part]) => part);
    this.head = 0;
  }

  /** First index whose time is > `time` (binary search). */
  private lowerIndex(time: number): number {
    let lo = this.head;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! <= time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
