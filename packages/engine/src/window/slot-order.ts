// Orders a batch's keys by their window slot, so the state arrays are walked front to back.
// A window's per-slot arrays are far larger than the CPU caches; visiting a batch's slots in
// ascending order turns scattered misses into a forward sweep the hardware prefetcher follows.
// An LSD radix sort, not Array.prototype.sort: it is linear, allocation-free, and sorts indexes
// by a key held in another array, which a comparator sort would do ~10x slower.

const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
/**
 * Below this many keys an insertion sort is cheaper: each radix pass clears and scans 2,048
 * buckets whatever the count, which made sparse streams (a few keys per batch) pay ~10 µs a batch.
 */
const SMALL = 32;

export class SlotOrder {
  private order = new Int32Array(1024);
  private spare = new Int32Array(1024);
  private readonly counts = new Int32Array(BUCKETS);

  /**
   * Indexes 0..count−1 sorted by `slots[index]` (all in [0, slotLimit)), as a view valid until the
   * next call.
   */
  sort(slots: Int32Array, count: number, slotLimit: number): Int32Array {
    if (this.order.length < count) {
      this.order = new Int32Array(count * 2);
      this.spare = new Int32Array(count * 2);
    }
    let from = this.order;
    let to = this.spare;
    for (let i = 0; i < count; i++) from[i] = i;
    if (count <= SMALL) return this.insertionSort(slots, count);
    const counts = this.counts;
    // One pass per 11-bit digit of the largest slot (two passes up to 4M slots).
    for (let shift = 0; shift === 0 || (shift < 32 && (slotLimit - 1) >>> shift > 0); shift += DIGIT_BITS) {
      counts.fill(0);
      for (let i = 0; i < count; i++) counts[(slots[from[i]!]! >>> shift) & (BUCKETS - 1)]!++;
      let start = 0;
      for (let digit = 0; digit < BUCKETS; digit++) {
        const n = counts[digit]!;
        counts[digit] = start;
        start += n;
      }
      for (let i = 0; i < count; i++) {
        const index = from[i]!;
        to[counts[(slots[index]! >>> shift) & (BUCKETS - 1)]!++] = index;
      }
      [from, to] = [to, from];
    }
    this.order = from;
    this.spare = to;
    return from.subarray(0, count);
  }

  /** Sorts `order`'s first `count` indexes (0..count−1) by their slot. */
  private insertionSort(slots: Int32Array, count: number): Int32Array {
    const order = this.order;
    for (let i = 1; i < count; i++) {
      const index = order[i]!;
      const slot = slots[index]!;
      let j = i - 1;
      while (j >= 0 && slots[order[j]!]! > slot) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = index;
    }
    return order.subarray(0, count);
  }
}
