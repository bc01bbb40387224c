// Counts of keys made of two strings and a separator (the drill-down's `tag␁author` pairs), built
// as a packed partial that keeps its keys joined (InlineKeys) without making a string per key.
//
// Why not a Map of joined strings: each pair was a concatenation, then a flattened copy hashed by
// the Map, then copied again when packing joined the keys, and hashed once more (hashOfRange) when
// the minute roll-up summed them. Here a pair is hashed once from its two parts (hashOfRange of the
// joined key, so the roll-up reads the same hash), found by comparing the parts, and its characters
// are copied only into the joined strings. The keys come out in first-seen order with their counts,
// as the Map iterated. What it bought is small: the pairs' chain (count, pack, minute roll-up, close)
// over 240 batches of the 1M generated file, both versions in one process with each batch's strings
// made fresh and 16 MiB of memory churned before it (as decoding does), took 1.59 s against 1.83 in
// six rounds (4 faster, 2 level): about 0.17 s per 1M tweets, some 1% of the server's CPU, which
// whole runs of the server cannot resolve (scratch benchmark, 2-core AMD EPYC).
import { CompactPartial } from './compact-partial.js';
import { InlineKeys } from './inline-keys.js';
import { FNV_OFFSET, FNV_PRIME, laneHolding, mix, placeEntry, tableHolding } from './key-slots.js';

export class PairCounts {
  /** Per place (first-come order): the key's two parts, its hash, count and width. */
  private firsts: string[] = [];
  private seconds: string[] = [];
  private hashes: Int32Array<ArrayBuffer>;
  private counts: Float64Array<ArrayBuffer>;
  /** 1 where a character of the joined key does not fit in a byte (InlineKeys' `wide`). */
  private wide: Int32Array<ArrayBuffer>;
  private count = 0;
  /** Open addressing, linear probing: per position [hash, place + 1], 0 = empty; at most half full. */
  private table: Int32Array;
  private mask: number;
  /** Whether the separator itself does not fit in a byte (every key is then wide). */
  private readonly separatorWide: boolean;

  /** `expected`: about how many keys will come (the table grows past it). */
  constructor(
    readonly separator: string,
    expected = 1024,
  ) {
    let size = 64;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: speed only; the first table's size.
    while (size < expected * 2) size *= 2;
    this.table = new Int32Array(2 * size);
    this.mask = size - 1;
    this.hashes = new Int32Array(expected);
    this.counts = new Float64Array(expected);
    this.wide = new Int32Array(expected);
    let widest = 0;
    // Stryker disable next-line EqualityOperator: equivalent, a code read past the end is NaN, which |= reads as 0
    for (let i = 0; i < separator.length; i++) widest |= separator.charCodeAt(i);
    this.separatorWide = widest > 0xff;
  }

  /** Keys counted. */
  get size(): number {
    return this.count;
  }

  /** One more of the key `first + separator + second`. */
  add(first: string, second: string): void {
    const { separator } = this;
    let h = FNV_OFFSET;
    let widest = 0;
    for (let i = 0; i < first.length; i++) {
      const c = first.charCodeAt(i);
      widest |= c;
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    for (let i = 0; i < separator.length; i++) h = Math.imul(h ^ separator.charCodeAt(i), FNV_PRIME);
    for (let i = 0; i < second.length; i++) {
      const c = second.charCodeAt(i);
      widest |= c;
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    h = mix(h);
    const { table, mask } = this;
    for (let position = h & mask; ; position = (position + 1) & mask) {
      const entry = table[(position << 1) + 1]!;
      if (entry === 0) break;
      // Stryker disable next-line ConditionalExpression: speed only; the parts are compared next.
      if (table[position << 1] !== h) continue;
      const place = entry - 1;
      if (this.sameKey(place, first, second)) {
        this.counts[place]! += 1;
        return;
      }
    }
    const place = this.count++;
    this.grow();
    this.firsts.push(first);
    this.seconds.push(second);
    this.hashes[place] = h;
    this.counts[place] = 1;
    this.wide[place] = widest > 0xff || this.separatorWide ? 1 : 0;
    // Stryker disable next-line EqualityOperator,ArithmeticOperator: speed only; when the table doubles.
    if (this.count * 2 > this.mask + 1) this.rebuild();
    else placeEntry(this.table, this.mask, h, place);
  }

  /**
   * The counts as a packed partial (CompactPartial with its keys joined), keys in first-seen order,
   * each key's hash lent to the roll-up that sums it; the counter is then empty, for the next batch.
   * Its tables are kept for that batch: only the lists of parts are made anew, so that a counter
   * kept for long holds no reference to a batch's strings.
   */
  take(): CompactPartial<string, number> {
    const { count, firsts, seconds, separator } = this;
    const narrow: string[] = [];
    const wide: string[] = [];
    const ends = new Int32Array(count);
    let narrowEnd = 0;
    let wideEnd = 0;
    for (let place = 0; place < count; place++) {
      const first = firsts[place]!;
      const second = seconds[place]!;
      const length = first.length + separator.length + second.length;
      // Pushed in parts and joined once: no string is made per key.
      if (this.wide[place] === 1) {
        wide.push(first, separator, second);
        ends[place] = ~(wideEnd += length);
      } else {
        narrow.push(first, separator, second);
        ends[place] = narrowEnd += length;
      }
    }
    const keys = InlineKeys.joinedWith<string>(
      narrow.join(''),
      wide.join(''),
      ends,
      this.hashes.slice(0, count),
    );
    // Stryker disable next-line MethodExpression: memory only; the partial reads `count` values, whatever the array's length
    const partial = CompactPartial.ofInline<string, number>(keys, this.counts.slice(0, count), 0);
    this.firsts = [];
    this.seconds = [];
    this.count = 0;
    this.table.fill(0);
    return partial;
  }

  /**
   * Whether the key at `place` is `first + separator + second`. With first parts of one length the
   * separators stand at one place, so the keys are equal when both parts are; otherwise they can be
   * equal only when a part holds the separator itself, which the joined strings settle.
   */
  private sameKey(place: number, first: string, second: string): boolean {
    const heldFirst = this.firsts[place]!;
    const heldSecond = this.seconds[place]!;
    // Stryker disable next-line ConditionalExpression: speed only; the joined strings below give the same answer
    if (heldFirst.length === first.length) return heldFirst === first && heldSecond === second;
    // Stryker disable next-line ConditionalExpression: speed only; keys of other lengths differ below too
    if (heldFirst.length + heldSecond.length !== first.length + second.length) return false;
    return heldFirst + this.separator + heldSecond === first + this.separator + second;
  }

  /** A table twice as large, its keys placed again by their kept hashes. */
  private rebuild(): void {
    const size = (this.mask + 1) * 2;
    this.table = tableHolding(this.hashes, this.count, size);
    this.mask = size - 1;
  }

  /** Grows the per-place arrays to hold place count − 1. */
  private grow(): void {
    // Stryker disable next-line ArithmeticOperator: memory only; lanes one place longer
    const last = this.count - 1;
    this.hashes = laneHolding(this.hashes, last);
    this.counts = laneHolding(this.counts, last);
    this.wide = laneHolding(this.wide, last);
  }
}
