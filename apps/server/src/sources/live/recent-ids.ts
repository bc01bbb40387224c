// The ids of the most recent tweets, to drop the ones X delivers again after a reconnect.
import { LRUCache } from 'lru-cache';

export class RecentIds {
  private readonly ids: LRUCache<string, true>;

  /** `capacity`: how many ids to remember; older ones are forgotten first. */
  constructor(capacity: number) {
    this.ids = new LRUCache<string, true>({ max: capacity });
  }

  /** True when `id` was seen before; otherwise remembers it and returns false. */
  seenBefore(id: string): boolean {
    if (this.ids.has(id)) return true;
    this.ids.set(id, true);
    return false;
  }

  get size(): number {
    return this.ids.size;
  }
}
