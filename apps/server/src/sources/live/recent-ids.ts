// The ids of the most recent tweets, to drop the ones X delivers again after a reconnect (and a
// recording repeats within a pass).
//
// Written here rather than with lru-cache, which this replaced: only the oldest id is ever
// forgotten (a lookup does not make an id recent again), so a ring of ids beside a Set is all it
// takes. lru-cache's bookkeeping for recency was 0.9 of 19 busy CPU seconds of a `max` replay of
// 250k tweets (`node --cpu-prof`); the ring takes about half of lru-cache's time per id (1M ids,
// capacity 100k: 0.37-0.54 s against 0.82-0.93 s).
export class RecentIds {
  private readonly ids = new Set<string>();
  private readonly ring: Array<string | undefined>;
  private next = 0;

  /** `capacity`: how many ids to remember; the oldest are forgotten first. */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`RecentIds capacity must be a whole number of ids, at least 1 (got ${capacity})`);
    }
    this.ring = new Array<string | undefined>(capacity);
  }

  /** True when `id` was seen before; otherwise remembers it and returns false. */
  seenBefore(id: string): boolean {
    if (this.ids.has(id)) return true;
    const oldest = this.ring[this.next];
    if (oldest !== undefined) this.ids.delete(oldest);
    this.ring[this.next] = id;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    this.ids.add(id);
    return false;
  }

  get size(): number {
    return this.ids.size;
  }
}
