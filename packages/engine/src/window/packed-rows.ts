// Keyed numeric values kept in typed arrays, read as a ReadonlyMap: the reading side shared by a
// packed partial (CompactPartial) and a batch's rows before packing (PackedRows, from VectorSums).

/**
 * A ReadonlyMap over rows 0..size: each row's key (keyAt) and its value, `width` numbers in
 * `packed` (a number when 0, else a fresh array: readers may keep it).
 */
export abstract class PackedMap<K, V> implements ReadonlyMap<K, V> {
  /** Built on the first get/has: only tests and rare readers look keys up one by one. */
  private index: Map<K, number> | null = null;

  constructor(
    /** The values, `width` numbers each (one when 0: plain numbers). */
    readonly packed: Float64Array,
    readonly width: number,
  ) {}

  abstract get size(): number;

  /** The i-th key. */
  protected abstract keyAt(i: number): K;

  /** The i-th value, made again: a number, or a fresh plain array (readers may keep it). */
  protected valueAt(i: number): V {
    const w = this.width;
    if (w === 0) return this.packed[i] as V;
    const vector = new Array<number>(w);
    for (let j = 0; j < w; j++) vector[j] = this.packed[i * w + j]!;
    return vector as V;
  }

  forEach(visit: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    const size = this.size;
    for (let i = 0; i < size; i++) visit(this.valueAt(i), this.keyAt(i), this);
  }

  get(key: K): V | undefined {
    const i = this.lookup(key);
    return i === undefined ? undefined : this.valueAt(i);
  }

  has(key: K): boolean {
    return this.lookup(key) !== undefined;
  }

  *entries(): MapIterator<[K, V]> {
    for (let i = 0; i < this.size; i++) yield [this.keyAt(i), this.valueAt(i)];
  }

  *keys(): MapIterator<K> {
    for (let i = 0; i < this.size; i++) yield this.keyAt(i);
  }

  *values(): MapIterator<V> {
    for (let i = 0; i < this.size; i++) yield this.valueAt(i);
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  private lookup(key: K): number | undefined {
    // Stryker disable next-line ConditionalExpression: speed only; an index built again answers the same.
    if (this.index === null) {
      const index = new Map<K, number>();
      for (let i = 0; i < this.size; i++) index.set(this.keyAt(i), i);
      this.index = index;
    }
    return this.index.get(key);
  }
}

/**
 * A batch's keyed vectors as rows (keys in first-seen order, values in one Float64Array), with
 * each key's hashOf: a window that packs its partials numbers the keys in its dictionary with
 * those hashes and keeps the values array as it is (CompactPartial.pack). Made by VectorSums.
 */
export class PackedRows<K, V> extends PackedMap<K, V> {
  constructor(
    readonly rowKeys: readonly K[],
    packed: Float64Array,
    width: number,
    /** hashOf(rowKeys[i]) for each row. */
    readonly hashes: Int32Array,
  ) {
    super(packed, width);
  }

  get size(): number {
    return this.rowKeys.length;
  }

  protected keyAt(i: number): K {
    return this.rowKeys[i]!;
  }
}
