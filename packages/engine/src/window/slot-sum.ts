// A roll-up bucket's open sum of packed partials that keep their own keys (keysMostlyNew: the
// drill-down's tag × author pairs), by key in typed arrays. Their keys have no operator-wide
// numbers to sum by, as PackedSum does, so the sum numbers them itself, a minute's worth at a time.
//
// Why not a Map of sums: a minute of pairs is some 90k keys, nearly all new to the bucket, and a
// Map of them lived long enough to be promoted, entry by entry. Replaying 1M generated tweets at
// `max`, the server's peak RSS was 589-606 MiB with this sum against 629-726 with the Map, at the
// same CPU (three rounds side by side, `DECODE_THREADS=0`).
import { type CompactPartial, sumsAsMap, visitSums } from './compact-partial.js';
import { KeySlots } from './key-slots.js';

export class SlotSum<K> {
  private readonly slots = new KeySlots<K>();
  private sums: Float64Array;
  private found = new Int32Array(1024);

  constructor(readonly width: number) {
    this.sums = new Float64Array(1024 * Math.max(1, width));
  }

  /** Whether `part` can be added: packed with its own keys and of the same value width. */
  accepts(part: CompactPartial<K, unknown>): boolean {
    return part.inline !== null && part.width === this.width;
  }

  /**
   * Adds a packed partial. A key's first value is copied, not added to zero, and later ones are
   * added in the order given: the same sums, bit for bit, as reducing the values one by one.
   */
  add(part: CompactPartial<K, unknown>): void {
    const keys = part.inline!;
    const count = keys.length;
    const w = Math.max(1, this.width);
    if (this.found.length < count) this.found = new Int32Array(count * 2);
    const found = this.found;
    this.slots.findAll(keys, count, found);
    const { packed } = part;
    for (let i = 0; i < count; i++) {
      let slot = found[i]!;
      if (slot < 0) {
        // Slots are handed out 0, 1, 2... (nothing is released before clear): first-come order.
        slot = this.slots.insertFound(keys, i);
        if ((slot + 1) * w > this.sums.length) this.grow();
        for (let j = 0; j < w; j++) this.sums[slot * w + j] = packed[i * w + j]!;
      } else {
        for (let j = 0; j < w; j++) this.sums[slot * w + j]! += packed[i * w + j]!;
      }
    }
  }

  /** Keys summed. */
  get size(): number {
    return this.slots.size;
  }

  /** Visits each key with its sum, a vector lent only for the call (as PackedSum.forEachLent). */
  forEachLent<V>(visit: (value: V, key: K) => void): void {
    // Slots are 0..size-1: none is released before clear().
    visitSums(this.sums, this.width, this.slots.size, (slot) => this.slots.keyAt(slot), visit);
  }

  /** The sum as a Map (keys in the order they first came; vectors as fresh arrays). */
  toMap<V>(): Map<K, V> {
    return sumsAsMap<K, V>(this);
  }

  clear(): void {
    this.slots.clear();
  }

  private grow(): void {
    const sums = new Float64Array(this.sums.length * 2);
    sums.set(this.sums);
    this.sums = sums;
  }
}
