// A batch's sums of number vectors by string key (the top authors' [tweets, reach]), built as
// packed rows (PackedRows) rather than a Map of arrays.
//
// Why: the server's per-batch author vectors were a Map with an array per author, which its window
// then copied into typed arrays and numbered, hashing each author id again (KeySlots.findAll).
// Here each key is hashed once (hashOf, which the numbering then reuses), its vector is summed in
// place in one Float64Array, and the window keeps that array as it is.
import { hashOf, laneHolding, placeEntry, tableHolding } from './key-slots.js';
import { PackedRows } from './packed-rows.js';

export class VectorSums {
  /** Per row (first-come order): its key; the key's hash; `width` sums. */
  private keys: string[] = [];
  private hashes: Int32Array<ArrayBuffer>;
  private sums: Float64Array<ArrayBuffer>;
  private count = 0;
  /** Open addressing, linear probing: per position [hash, row + 1], 0 = empty; at most half full. */
  private table: Int32Array;
  private mask: number;

  /** `width`: numbers per vector (at least 1); `expected`: about how many keys a batch has. */
  constructor(
    readonly width: number,
    expected = 1024,
  ) {
    if (!Number.isInteger(width) || width < 1)
      throw new RangeError(`VectorSums needs a width of 1 or more, not ${width}`);
    let size = 64;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: speed only; the first table's size.
    while (size < expected * 2) size *= 2;
    this.table = new Int32Array(2 * size);
    this.mask = size - 1;
    this.hashes = new Int32Array(expected);
    this.sums = new Float64Array(expected * width);
  }

  /** Keys summed. */
  get size(): number {
    return this.count;
  }

  /**
   * Adds `vector` (`width` numbers) to the key's sums. A key's first vector is copied, not added to
   * zero, and later ones are added in the order given: the sums a Map of vectors reduced one by one
   * would hold, bit for bit.
   */
  add(key: string, vector: ArrayLike<number>): void {
    const w = this.width;
    const h = hashOf(key);
    const { table, mask } = this;
    for (let position = h & mask; ; position = (position + 1) & mask) {
      const entry = table[(position << 1) + 1]!;
      if (entry === 0) break;
      // Stryker disable next-line ConditionalExpression: speed only; the key is compared next.
      if (table[position << 1] !== h) continue;
      const row = entry - 1;
      if (this.keys[row] !== key) continue;
      for (let j = 0; j < w; j++) this.sums[row * w + j]! += vector[j]!;
      return;
    }
    const row = this.count++;
    this.grow();
    this.keys.push(key);
    this.hashes[row] = h;
    for (let j = 0; j < w; j++) this.sums[row * w + j] = vector[j]!;
    // Stryker disable next-line EqualityOperator,ArithmeticOperator: speed only; when the table doubles.
    if (this.count * 2 > this.mask + 1) this.rebuild();
    else placeEntry(this.table, this.mask, h, row);
  }

  /**
   * The sums as packed rows (keys in first-seen order, with their hashes); then empty, for the next
   * batch. Its tables are kept for that batch; the list of keys is made anew, so that a VectorSums
   * kept for long holds no reference to a batch's strings.
   */
  take<V = number[]>(): PackedRows<string, V> {
    const { count, width } = this;
    const rows = new PackedRows<string, V>(
      this.keys,
      this.sums.slice(0, count * width),
      width,
      this.hashes.slice(0, count),
    );
    this.keys = [];
    this.count = 0;
    this.table.fill(0);
    return rows;
  }

  /** A table twice as large, its keys placed again by their kept hashes. */
  private rebuild(): void {
    const size = (this.mask + 1) * 2;
    this.table = tableHolding(this.hashes, this.count, size);
    this.mask = size - 1;
  }

  /** Grows the per-row arrays to hold row count − 1. */
  private grow(): void {
    // Stryker disable next-line ArithmeticOperator: memory only; lanes one row longer
    const last = this.count - 1;
    this.hashes = laneHolding(this.hashes, last);
    this.sums = laneHolding(this.sums, (last + 1) * this.width - 1);
  }
}
