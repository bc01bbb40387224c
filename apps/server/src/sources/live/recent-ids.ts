// The ids of the most recent tweets, to drop the ones X delivers again after a reconnect or a recording
// holds twice (the live stream, each replay pass and `analyze`).
//
// First in, first out: asking about an id does not make it recent again, so this is a set with a
// ring of insertion order rather than an LRU. The ring's slots hold decimal ids in a DecimalIdTable
// rather than a Set<string>, for the replay at `max`, which asks about every record: a lookup hashes
// a few digits instead of probing a 100k-entry Set through string objects, and the 100k remembered
// ids are no 100k strings for the collector to trace. Replaying 299,735 generated tweets at `max`,
// Set<string> took 346 ms of the server's main thread (`--cpu-prof`, self time, 2.6%). Any other
// id (not canonical digits) goes in a Set of its own, in the same ring.
import { DecimalIdTable } from '../../ids/index.js';

const FIRST_RING = 1024;

/** How many ids the live stream, each replay pass and `analyze` remember. */
export const DEFAULT_RECENT_IDS = 100_000;

export class RecentIds {
  /** The numeric ids, by ring position. */
  private readonly ids = new DecimalIdTable();
  /** Per ring position: the id when it is not numeric (then `other` holds it), else undefined. */
  private text: Array<string | undefined> = [];
  private readonly other = new Set<string>();
  /** Ring positions in use (≤ capacity); `next` is the oldest once the ring is full. */
  private used = 0;
  private next = 0;

  /** `capacity`: how many ids to remember; older ones are forgotten first. */
  constructor(private readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1)
      throw new RangeError(`recent ids: capacity must be a positive integer, got ${capacity}`);
    // Stryker disable next-line MethodExpression: memory only; a ring larger than the capacity keeps the same ids
    this.grow(Math.min(capacity, FIRST_RING));
  }

  /** True when `id` was seen before; otherwise remembers it and returns false. */
  seenBefore(id: string): boolean {
    const numeric = this.ids.parse(id);
    if (numeric ? this.ids.find() >= 0 : this.other.has(id)) return true;
    let at: number;
    if (this.used < this.capacity) {
      // Stryker disable next-line MethodExpression: memory only, as in the constructor
      if (this.used === this.ids.slots) this.grow(Math.min(this.capacity, this.used * 2));
      at = this.used++;
    } else {
      at = this.next;
      this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
      this.forget(at);
    }
    if (numeric) {
      this.ids.put(at);
    } else {
      this.text[at] = id;
      this.other.add(id);
    }
    return false;
  }

  get size(): number {
    return this.used;
  }

  /** Drops the id at ring position `at` from its set, before the position takes a new id. */
  private forget(at: number): void {
    const old = this.text[at];
    if (old !== undefined) {
      this.other.delete(old);
      this.text[at] = undefined;
      return;
    }
    this.ids.remove(at);
  }

  /** Ring positions for `size` ids. */
  private grow(size: number): void {
    this.ids.resize(size, this.used, (at) => this.text[at] === undefined);
  }
}
