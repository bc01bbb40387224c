// What every window operator's running state offers (KeyedWindowState for any partial,
// PackedWindowState for partials packed with the operator's key numbers), and the read-only view
// of it that a slide hands on: a KeyedWindow.
import { type ValueOrder, descending, selectTopK } from './top-k.js';

/**
 * A batch's partial resolved against the window state: its keys' slots, ascending, and where each
 * of those keys comes in the partial's own order (its values are read from the partial again when
 * it leaves, so the window does not keep them alive: the partial may be packed meanwhile).
 */
export interface ResolvedPartial {
  readonly slots: Int32Array;
  readonly positions: Int32Array;
}

/**
 * A window's reduce. Its functions must not keep the vectors they are given: a window held by key
 * number (PackedWindowState) lends them scratch copies, and stores what they return.
 */
export interface KeyedReducer<V> {
  reduce: (a: V, b: V) => V;
  /** Removes `b` (a batch leaving the window) from `a`; without it every slide is a full recount. */
  inverse?: ((a: V, b: V) => V) | undefined;
  /** Hides keys whose windowed value is "zero" (e.g. a composite whose count is 0) from the output. */
  isZero?: ((value: V) => boolean) | undefined;
  /**
   * True when `reduce` adds numbers, or number vectors element by element: roll-up buckets then sum
   * packed partials in typed arrays (PackedSum) rather than reduce a Map of values, and a window
   * held by key number adds in place.
   */
  sums?: boolean | undefined;
}

/** What a window view reads of a window's running state. */
export interface WindowStateReader<K, V> {
  /** The key's value while some window batch holds it (zero values included), else undefined. */
  lookup(key: K): V | undefined;
  /** True while some window batch holds the key (zero values included). */
  holds(key: K): boolean;
  /** The keys in the window with their values, zero values included, lazily. */
  liveEntries(): Generator<[K, V], undefined, undefined>;
  /** Visits the keys in the window with their values and batch counts, zero values included. */
  forEachLive(visit: (value: V, key: K, batches: number) => void): void;
  /**
   * As forEachLive, but a value may be lent for the call only (a scratch vector): for scans that
   * keep few of the values they see (top-K). Absent: forEachLive serves.
   */
  forEachLent?(visit: (value: V, key: K) => void): void;
}

/**
 * A window operator's running state: KeyedWindowState for any partial, PackedWindowState for
 * partials packed with the operator's key numbers.
 */
export interface WindowState<K, V> extends WindowStateReader<K, V> {
  /** Keys held by some window batch, and those of them whose value is zero by `isZero`. */
  readonly liveKeys: number;
  readonly zeroKeys: number;
  clear(): void;
  /** Folds a batch's partial in; what it returns (if anything) is for remove() when it leaves. */
  add(part: ReadonlyMap<K, V>): ResolvedPartial | undefined;
  addUntracked(part: ReadonlyMap<K, V>): void;
  remove(part: ReadonlyMap<K, V>, resolved?: ResolvedPartial): void;
  toEntries(): Array<[K, V, number]>;
  view(info: WindowInfo, topK?: TopKFn<K, V>): KeyedWindow<K, V>;
}

export type TopKFn<K, V> = (
  view: KeyedWindow<K, V>,
  k: number,
  compare: ValueOrder<V> | undefined,
) => Array<[K, V]>;

export interface WindowInfo {
  /** The window covers arrivals in [start, end): batches with times in (start, end]. */
  start: number;
  end: number;
  windowLengthMs: number;
  slideMs: number;
}

/**
 * A windowed keyed result: a read-only Map view of the live window state (no copy per slide).
 * Valid until the output function's promise settles; copy what you keep beyond that.
 */
export interface KeyedWindow<K, V> extends ReadonlyMap<K, V>, WindowInfo {
  /**
   * The `k` entries that rank first, sorted: by `compare` (like Array.sort; default: numbers, largest
   * first), ties by key. Costs O(n log k), never a sort of all n keys. A window operator's view
   * follows the ranking of each `compare` function across slides (checking only the changed keys
   * when they are few): pass the same function each slide, not a new closure.
   */
  topK(k: number, compare?: ValueOrder<V>): Array<[K, V]>;
}

/** A KeyedWindow over a window state, as one slide (or read) left it. */
export class KeyedWindowView<K, V> implements KeyedWindow<K, V> {
  readonly start: number;
  readonly end: number;
  readonly windowLengthMs: number;
  readonly slideMs: number;

  constructor(
    private readonly state: WindowStateReader<K, V>,
    private readonly isZero: ((value: V) => boolean) | undefined,
    readonly size: number,
    info: WindowInfo,
    private readonly topKFn?: TopKFn<K, V>,
  ) {
    this.start = info.start;
    this.end = info.end;
    this.windowLengthMs = info.windowLengthMs;
    this.slideMs = info.slideMs;
  }

  get(key: K): V | undefined {
    const value = this.state.lookup(key);
    if (value === undefined || (this.isZero && this.isZero(value))) return undefined;
    return value;
  }

  has(key: K): boolean {
    if (!this.state.holds(key)) return false;
    return !(this.isZero && this.isZero(this.state.lookup(key)!));
  }

  *entries(): MapIterator<[K, V]> {
    const isZero = this.isZero;
    for (const entry of this.state.liveEntries()) if (!isZero || !isZero(entry[1])) yield entry;
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    const isZero = this.isZero;
    this.state.forEachLive((value, key) => {
      if (!isZero || !isZero(value)) callback(value, key, this);
    });
  }

  /** As forEach, a value lent for the call only where the state lends them (see WindowStateReader). */
  forEachLent(visit: (value: V, key: K) => void): void {
    const isZero = this.isZero;
    const lend = this.state.forEachLent?.bind(this.state) ?? ((v) => this.state.forEachLive(v));
    lend((value, key) => {
      if (!isZero || !isZero(value)) visit(value, key);
    });
  }

  topK(k: number, compare?: ValueOrder<V>): Array<[K, V]> {
    if (this.topKFn) return this.topKFn(this, k, compare);
    return selectTopK(this, k, compare ?? (descending as unknown as ValueOrder<V>));
  }
}
