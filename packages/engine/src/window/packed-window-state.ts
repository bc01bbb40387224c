// The running value of a keyed window whose partials come packed with the operator's key numbers
// (CompactPartial with a PackedKeys dictionary): per key number its value in one Float64Array and
// its batch count in one Int32Array, the number being the slot. KeyedWindowState does the same for
// any partial, but numbers the keys again in a table of its own and keeps a value array per key.
//
// Why a second state: the server packs every partial it keeps (for its hour of history), so its
// windows' keys were numbered twice per batch (the dictionary, then the state's table, each a
// string hash and a probe), and each update of a vector value made a new array that the state held
// until the key's next update, long enough to be promoted (the top authors window holds ~50k keys
// and updates some 10k at a slide), and each top-K scan chased a pointer per key.
import { CompactPartial, type PackedKeys, widthOf } from './compact-partial.js';
import { laneHolding } from './key-slots.js';
import { warmAt } from './warm.js';
import {
  type KeyedReducer,
  type KeyedWindow,
  KeyedWindowView,
  type TopKFn,
  type WindowInfo,
  type WindowState,
} from './window-state.js';

export class PackedWindowState<K, V> implements WindowState<K, V> {
  /** Per key number: its value, `lane` numbers from id × lane (stale while the count is ≤ 0). */
  private values = new Float64Array(1024);
  /** Per key number: how many window batches hold it (0: none). */
  private batches = new Int32Array(1024);
  /** The width of every value held (0: numbers); −1 until the first partial after a clear. */
  private width = -1;
  private lane = 1;
  zeroKeys = 0;
  liveKeys = 0;
  /** Scratch vectors lent to the reducer and to lending visits. */
  private scratchA: number[] = [];
  private scratchB: number[] = [];

  constructor(
    private readonly reducer: KeyedReducer<V>,
    readonly dictionary: PackedKeys<K>,
  ) {}

  /** Whether `part` can join: packed with this state's dictionary, with values of its width. */
  accepts(part: ReadonlyMap<K, V>): part is CompactPartial<K, V> {
    return (
      part instanceof CompactPartial &&
      part.dictionary === this.dictionary &&
      (this.width === -1 || part.width === this.width)
    );
  }

  clear(): void {
    this.batches.fill(0);
    this.width = -1;
    this.zeroKeys = 0;
    this.liveKeys = 0;
  }

  /** Folds a batch's packed partial in (it must be accepted). Nothing to resolve: its ids are the slots. */
  add(part: ReadonlyMap<K, V>): undefined {
    this.addUntracked(part);
    return undefined;
  }

  addUntracked(part: ReadonlyMap<K, V>): void {
    if (!this.accepts(part)) throw new TypeError('PackedWindowState.add: a partial it does not accept');
    this.setWidth(part.width);
    this.ensureIds(this.dictionary.slotCount);
    const { ids, packed } = part;
    const { batches, values, lane } = this;
    const { reduce, isZero, sums } = this.reducer;
    this.warm(ids);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const at = id * lane;
      const from = i * lane;
      if (batches[id]! <= 0) {
        for (let j = 0; j < lane; j++) values[at + j] = packed[from + j]!;
        batches[id] = 1;
        this.liveKeys++;
        if (isZero && isZero(this.lentValue(at, this.scratchA))) this.zeroKeys++;
        continue;
      }
      const wasZero = isZero ? isZero(this.lentValue(at, this.scratchA)) : false;
      // Adding element by element is what `sums` promises reduce does: the same sums, bit for bit.
      if (sums) for (let j = 0; j < lane; j++) values[at + j]! += packed[from + j]!;
      else
        this.store(
          at,
          reduce(this.lentValue(at, this.scratchA), this.lentPacked(packed, from, this.scratchB)),
        );
      batches[id]!++;
      if (isZero) this.zeroKeys += (isZero(this.lentValue(at, this.scratchA)) ? 1 : 0) - (wasZero ? 1 : 0);
    }
  }

  remove(part: ReadonlyMap<K, V>): void {
    const { inverse, isZero } = this.reducer;
    if (!inverse) throw new Error('remove() needs an inverse function');
    if (!this.accepts(part)) throw new TypeError('PackedWindowState.remove: a partial it does not accept');
    const { ids, packed } = part;
    const { batches, lane } = this;
    this.warm(ids);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (!(batches[id]! > 0)) {
        throw new Error(`window state lost key ${String(this.dictionary.keyAt(id))}: a batch left twice`);
      }
      const at = id * lane;
      const wasZero = isZero ? isZero(this.lentValue(at, this.scratchA)) : false;
      if (--batches[id]! === 0) {
        this.liveKeys--;
        if (wasZero) this.zeroKeys--;
        continue;
      }
      this.store(
        at,
        inverse(this.lentValue(at, this.scratchA), this.lentPacked(packed, i * lane, this.scratchB)),
      );
      if (isZero) this.zeroKeys += (isZero(this.lentValue(at, this.scratchA)) ? 1 : 0) - (wasZero ? 1 : 0);
    }
  }

  /**
   * The keys' counts and values lie in arrays as long as the dictionary (the top authors' some
   * 50k keys), read by each key of a batch in no order: loaded in passes first (see warm.ts).
   * Adding and removing 300 batches of 1,000 skewed keys of 150k, a 60-batch window, 32 MiB written
   * between batches (scratch benchmark, rounds in turn in one process): 57-69 ns a key against 83-91.
   */
  private warm(ids: Int32Array): void {
    // Stryker disable next-line all: speed only; the loops that follow read the same places.
    warmAt(this.batches, ids, ids.length);
    // Stryker disable next-line all: as above
    warmAt(this.values, ids, ids.length, this.lane);
  }

  forEachLive(visit: (value: V, key: K, batches: number) => void): void {
    const { batches, lane } = this;
    const limit = Math.min(batches.length, this.dictionary.slotCount);
    for (let id = 0; id < limit; id++) {
      const n = batches[id]!;
      if (n > 0) visit(this.ownValue(id * lane), this.dictionary.keyAt(id), n);
    }
  }

  /** As forEachLive, each vector lent for the call only (one scratch array): top-K scans. */
  forEachLent(visit: (value: V, key: K) => void): void {
    const { batches, lane } = this;
    const limit = Math.min(batches.length, this.dictionary.slotCount);
    for (let id = 0; id < limit; id++) {
      if (batches[id]! > 0) visit(this.lentValue(id * lane, this.scratchA), this.dictionary.keyAt(id));
    }
  }

  lookup(key: K): V | undefined {
    const id = this.dictionary.find(key);
    if (id < 0 || !(this.batches[id]! > 0)) return undefined;
    return this.ownValue(id * this.lane);
  }

  holds(key: K): boolean {
    const id = this.dictionary.find(key);
    return id >= 0 && this.batches[id]! > 0;
  }

  *liveEntries(): Generator<[K, V], undefined, undefined> {
    for (let id = 0; id < Math.min(this.batches.length, this.dictionary.slotCount); id++) {
      if (this.batches[id]! > 0) yield [this.dictionary.keyAt(id), this.ownValue(id * this.lane)];
    }
  }

  toEntries(): Array<[K, V, number]> {
    const out: Array<[K, V, number]> = [];
    this.forEachLive((value, key, batches) => void out.push([key, value, batches]));
    return out;
  }

  /**
   * Takes a checkpoint's state (as toEntries gave it) when every key is numbered in the dictionary
   * and every value packs to one width; else leaves the state empty and returns false.
   */
  fromEntries(entries: ReadonlyArray<readonly [K, V, number]>): boolean {
    this.clear();
    const ids = new Int32Array(entries.length);
    for (let i = 0; i < entries.length; i++) {
      const [key, value] = entries[i]!;
      const width = widthOf(value);
      ids[i] = this.dictionary.find(key);
      if (ids[i]! < 0 || width < 0 || (this.width !== -1 && width !== this.width)) return this.emptied();
      this.setWidth(width);
    }
    this.ensureIds(this.dictionary.slotCount);
    const { isZero } = this.reducer;
    for (let i = 0; i < entries.length; i++) {
      const [, value, batches] = entries[i]!;
      const at = ids[i]! * this.lane;
      this.store(at, value);
      this.batches[ids[i]!] = batches;
      this.liveKeys++;
      if (isZero && isZero(value)) this.zeroKeys++;
    }
    return true;
  }

  view(info: WindowInfo, topK?: TopKFn<K, V>): KeyedWindow<K, V> {
    return new KeyedWindowView(this, this.reducer.isZero, this.liveKeys - this.zeroKeys, info, topK);
  }

  private emptied(): false {
    this.clear();
    return false;
  }

  private setWidth(width: number): void {
    if (this.width === width) return;
    this.width = width;
    this.lane = Math.max(1, width);
    this.scratchA = new Array<number>(width).fill(0);
    this.scratchB = new Array<number>(width).fill(0);
  }

  /** Grows the lanes to hold key numbers below `count`. */
  private ensureIds(count: number): void {
    this.batches = laneHolding(this.batches, count - 1);
    this.values = laneHolding(this.values, this.batches.length * this.lane - 1);
  }

  /** Writes a value (a number, or a vector of `width` numbers) at `at`. */
  private store(at: number, value: V): void {
    if (this.width === 0) this.values[at] = value as number;
    else for (let j = 0; j < this.lane; j++) this.values[at + j] = (value as number[])[j]!;
  }

  /** The value at `at` in `scratch` (a number as it is): only for the call it is passed to. */
  private lentValue(at: number, scratch: number[]): V {
    if (this.width === 0) return this.values[at] as V;
    for (let j = 0; j < this.lane; j++) scratch[j] = this.values[at + j]!;
    return scratch as V;
  }

  private lentPacked(packed: Float64Array, from: number, scratch: number[]): V {
    if (this.width === 0) return packed[from] as V;
    for (let j = 0; j < this.lane; j++) scratch[j] = packed[from + j]!;
    return scratch as V;
  }

  /** The value at `at`, made again: a number, or a fresh array readers may keep. */
  private ownValue(at: number): V {
    if (this.width === 0) return this.values[at] as V;
    const vector = new Array<number>(this.lane);
    for (let j = 0; j < this.lane; j++) vector[j] = this.values[at + j]!;
    return vector as V;
  }
}
