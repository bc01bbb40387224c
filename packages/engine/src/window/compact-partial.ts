// A per-batch partial packed as it is stored, for its retention: its keys as numbers in one
// Int32Array and its numeric values (numbers, or number vectors of one length) in one Float64Array,
// instead of a Map entry, a key string and a vector array per key. Also PackedSum, a roll-up
// bucket's running sum of such partials.
//
// Why: the server keeps an hour of per-batch partials to answer any window at once, about 2,900
// keys per one-second batch over its four windows. As Maps of arrays that is some 10M small heap
// objects that every full collection marks again, and the server's rate fell from about half of
// `analyze`'s at 300k generated tweets to a third at 1M and 3M as the hour filled. A typed array's
// contents are not scanned by the collector at all: the keys are numbered by the operator's
// PackedKeys (one copy of each key, however many batches hold it) and kept as an Int32Array.
// Keys that seldom come back (tag × author pairs) are kept with the partial instead (`inline`):
// numbering them was a lookup and an insert into an ever larger table for keys mostly new.
// String keys kept so are joined into one string per partial (InlineKeys).

import { InlineKeys } from './inline-keys.js';
import { KeySlots, laneHolding } from './key-slots.js';
import { ownCopy } from './top-k.js';
import { warmAt } from './warm.js';

/**
 * Numbers the keys of an operator's packed partials: each distinct key once, with a count of what
 * holds it (packed partials, an open roll-up sum), so a key is forgotten when the last lets go.
 * The numbers are KeySlots slots: a batch's keys are found in passes, as the window state finds
 * them (a Map's get per key was 5% of the job's CPU, `--cpu-prof` of the job bench's child).
 */
export class PackedKeys<K> {
  private readonly slots = new KeySlots<K>();
  private refs = new Int32Array(1024);
  /** Keys held by some packed partial. */
  private held = 0;
  /** Slots whose count fell to 0 since the last sweep (KeySlots.release rebuilds its table). */
  private emptied: number[] = [];

  /** Distinct keys held. */
  get size(): number {
    return this.held;
  }

  /** Ids handed out so far; every id is below it. */
  get slotCount(): number {
    return this.slots.slotCount;
  }

  keyAt(id: number): K {
    return this.slots.keyAt(id);
  }

  /** The key's id, or −1 when no packed partial holds it. */
  find(key: K): number {
    const id = this.slots.find(key);
    return id >= 0 && this.refs[id]! > 0 ? id : -1;
  }

  /** Writes the ids of `keys[0..count)` (distinct) to `out`, counting one more partial holding each. */
  holdAll(keys: readonly K[], count: number, out: Int32Array): void {
    this.slots.findAll(keys, count, out);
    for (let i = 0; i < count; i++) {
      let id = out[i]!;
      if (id < 0) {
        id = this.slots.insertFound(keys, i);
        out[i] = id;
        this.refs = laneHolding(this.refs, id);
      }
      if (this.refs[id]!++ === 0) this.held++;
    }
  }

  /** One more holder of a key some packed partial holds now (an open roll-up bucket's sum). */
  hold(id: number): void {
    if (this.refs[id]!++ === 0) this.held++;
  }

  /** One partial fewer holds each of these keys; keys no partial holds are forgotten. */
  release(ids: Int32Array, count = ids.length): void {
    for (let i = 0; i < count; i++) {
      const id = ids[i]!;
      if (--this.refs[id]! > 0) continue;
      this.held--;
      this.emptied.push(id);
    }
    // Swept in bulk, as the window state sweeps: a key may be held again before then.
    // Stryker disable next-line all: tuning of the sweep threshold; results are the same either way.
    if (this.emptied.length * 4 > this.held + 1024) this.sweep();
  }

  private sweep(): void {
    const released = this.emptied.filter((id) => this.refs[id] === 0);
    this.emptied = [];
    this.slots.release([...new Set(released)]);
  }
}

/** A checkpoint's form of a packed partial (v8.serialize keeps typed arrays as they are). */
export interface PackedPartialData<K> {
  packed: 1;
  keys: K[];
  values: Float64Array;
  /** 0: each value is a number; w > 0: each is a vector of w numbers. */
  width: number;
}

const NO_IDS = new Int32Array(0);

export function isPackedPartialData(value: unknown): value is PackedPartialData<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { packed?: unknown }).packed === 1 &&
    (value as { values?: unknown }).values instanceof Float64Array
  );
}

/** The width of a packable value (0 for a number, its length for a number array), or -1. */
export function widthOf(value: unknown): number {
  if (typeof value === 'number') return 0;
  if (!Array.isArray(value) || value.length === 0) return -1;
  // Indexed, as pack's copy below: see there.
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'number') return -1;
  return value.length;
}

export class CompactPartial<K, V> implements ReadonlyMap<K, V> {
  /** Built on the first get/has: only tests and rare readers look keys up one by one. */
  private index: Map<K, number> | null = null;
  private released = false;

  private constructor(
    /**
     * The operator's key numbering, `ids` being its numbers for this partial's keys; or null, the
     * keys held by the partial itself (`inline`) and `ids` empty.
     */
    readonly dictionary: PackedKeys<K> | null,
    readonly ids: Int32Array,
    /** The keys, when the partial keeps them itself (no dictionary). */
    readonly inline: InlineKeys<K> | null,
    /** The values, `width` numbers each (one when 0: plain numbers). */
    readonly packed: Float64Array,
    readonly width: number,
  ) {}

  /**
   * The partial packed with its keys numbered in `dictionary` (null: kept with the partial), or
   * null when its values are not all numbers or all number vectors of one length.
   */
  static pack<K, V>(part: ReadonlyMap<K, V>, dictionary: PackedKeys<K> | null): CompactPartial<K, V> | null {
    if (part instanceof CompactPartial) return part as CompactPartial<K, V>;
    const first = part.values().next();
    const width = first.done ? -1 : widthOf(first.value);
    if (width === -1) return null;
    const keys = new Array<K>(part.size);
    const values = new Float64Array(part.size * Math.max(1, width));
    let i = 0;
    let packable = true;
    part.forEach((value, key) => {
      // Stryker disable next-line ConditionalExpression: speed only; once one value will not pack the partial is not packed, whatever the rest hold.
      if (!packable) return;
      if (widthOf(value) !== width) {
        packable = false;
        return;
      }
      keys[i] = key;
      if (width === 0) values[i] = value as number;
      else {
        // Indexed rather than values.set(vector) or for-of: replaying 1M generated tweets, those
        // made an iterator result per number (230 MB of the server's 6.6 GB allocated).
        const vector = value as number[];
        // Stryker disable next-line EqualityOperator: equivalent, a slot past the vector is the next key's first, written after
        for (let j = 0; j < width; j++) values[i * width + j] = vector[j]!;
      }
      i++;
    });
    if (!packable) return null;
    return CompactPartial.holding<K, V>(keys, values, width, dictionary);
  }

  /** A partial of keys its maker joined already (PairCounts), kept with it as `inline` keys. */
  static ofInline<K, V>(keys: InlineKeys<K>, values: Float64Array, width: number): CompactPartial<K, V> {
    return new CompactPartial<K, V>(null, NO_IDS, keys, values, width);
  }

  static fromData<K, V>(data: PackedPartialData<K>, dictionary: PackedKeys<K> | null): CompactPartial<K, V> {
    return CompactPartial.holding<K, V>(data.keys, data.values, data.width, dictionary);
  }

  private static holding<K, V>(
    keys: K[],
    values: Float64Array,
    width: number,
    dictionary: PackedKeys<K> | null,
  ): CompactPartial<K, V> {
    if (dictionary === null)
      return new CompactPartial<K, V>(null, NO_IDS, InlineKeys.of(keys), values, width);
    const ids = new Int32Array(keys.length);
    dictionary.holdAll(keys, keys.length, ids);
    return new CompactPartial<K, V>(dictionary, ids, null, values, width);
  }

  toData(): PackedPartialData<K> {
    return { packed: 1, keys: [...this.keys()], values: this.packed, width: this.width };
  }

  /** Lets go of its keys in the dictionary (the partial was evicted); once, and read no more after. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.dictionary?.release(this.ids);
  }

  get size(): number {
    return this.inline !== null ? this.inline.size : this.ids.length;
  }

  /** The i-th key. */
  private keyAt(i: number): K {
    return this.inline !== null ? this.inline.keyAt(i) : this.dictionary!.keyAt(this.ids[i]!);
  }

  /** The i-th value, made again: a number, or a fresh plain array (readers may keep it). */
  private valueAt(i: number): V {
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
 * A running sum of packed partials of one dictionary and width, by key id in typed arrays: a
 * roll-up bucket's open sum when its reducer adds (KeyedReducer.sums). Folding a batch into a Map of
 * values was a lookup and a new vector per key, and the minute buckets' vectors lived a minute,
 * long enough to be promoted: with no roll-up tiers at all the server replayed 1M generated tweets
 * in 35 CPU s against 39 (two rounds side by side), and with this sum in 0.92-0.96× the CPU of the
 * Map fold, its peak RSS 676-679 against 800-803 MiB.
 */
export class PackedSum<K> {
  /** Per dictionary id: 1 + its place in `ids`, or 0 when this sum does not hold it. */
  private placeOf = new Int32Array(0);
  private ids = new Int32Array(256);
  private sums: Float64Array<ArrayBuffer>;
  private count = 0;

  constructor(
    readonly dictionary: PackedKeys<K>,
    readonly width: number,
  ) {
    this.sums = new Float64Array(256 * Math.max(1, width));
  }

  /** Whether `part` can be added: packed with the same dictionary and value width. */
  accepts(part: unknown): part is CompactPartial<K, unknown> {
    return part instanceof CompactPartial && part.dictionary === this.dictionary && part.width === this.width;
  }

  /**
   * Adds a packed partial. A key's first value is copied, not added to zero, and later ones are
   * added in the order given: the same sums, bit for bit, as reducing the values one by one.
   */
  add(part: CompactPartial<K, unknown>): void {
    const w = Math.max(1, this.width);
    const { ids, packed } = part;
    this.placeOf = laneHolding(this.placeOf, this.dictionary.slotCount - 1);
    const placeOf = this.placeOf;
    // Stryker disable next-line all: speed only (see warm.ts); the loop below reads the same places.
    warmAt(placeOf, ids, ids.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      let place = placeOf[id]! - 1;
      if (place < 0) {
        place = this.count++;
        placeOf[id] = place + 1;
        this.grow();
        this.ids[place] = id;
        this.dictionary.hold(id);
        for (let j = 0; j < w; j++) this.sums[place * w + j] = packed[i * w + j]!;
      } else {
        for (let j = 0; j < w; j++) this.sums[place * w + j]! += packed[i * w + j]!;
      }
    }
  }

  /** Keys summed. */
  get size(): number {
    return this.count;
  }

  /**
   * Visits each key with its sum, a vector lent only for the call (one scratch array for all):
   * ranking a minute's keys to keep a few hundred makes no array per key. See selectTopK's `own`.
   */
  forEachLent<V>(visit: (value: V, key: K) => void): void {
    visitSums(this.sums, this.width, this.count, (place) => this.dictionary.keyAt(this.ids[place]!), visit);
  }

  /** The sum as a Map (keys in the order they first came; vectors as fresh arrays). */
  toMap<V>(): Map<K, V> {
    return sumsAsMap<K, V>(this);
  }

  /** Empties the sum, letting go of its keys in the dictionary. */
  clear(): void {
    for (let place = 0; place < this.count; place++) this.placeOf[this.ids[place]!] = 0;
    this.dictionary.release(this.ids, this.count);
    this.count = 0;
  }

  private grow(): void {
    this.ids = laneHolding(this.ids, this.count - 1);
    this.sums = laneHolding(this.sums, this.count * Math.max(1, this.width) - 1);
  }
}

/**
 * Visits `count` sums of `width` numbers each (one when 0) in `sums`, place by place, with the key
 * of each place; a vector is lent for the call only (PackedSum's and SlotSum's forEachLent).
 */
export function visitSums<K, V>(
  sums: Float64Array,
  width: number,
  count: number,
  keyAt: (place: number) => K,
  visit: (value: V, key: K) => void,
): void {
  const scratch = new Array<number>(width);
  for (let place = 0; place < count; place++) visit(sumAt<V>(sums, width, place, scratch), keyAt(place));
}

/**
 * The sum at `place` of `width` numbers each (one when 0): the number itself, or the vector copied
 * into `into`, which is returned (a scratch array lent for a call, or a fresh one to keep).
 */
export function sumAt<V>(sums: Float64Array, width: number, place: number, into: number[]): V {
  if (width === 0) return sums[place] as V;
  for (let j = 0; j < width; j++) into[j] = sums[place * width + j]!;
  return into as V;
}

/** A lending sum as a Map (keys in the order it visits them; vectors as fresh arrays). */
export function sumsAsMap<K, V>(sum: { forEachLent(visit: (value: V, key: K) => void): void }): Map<K, V> {
  const out = new Map<K, V>();
  sum.forEachLent((value, key) => out.set(key, ownCopy(value)));
  return out;
}
