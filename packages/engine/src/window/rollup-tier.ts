// One roll-up tier of a window operator's history: finer partials summed into buckets of
// `resolutionMs` (bucket T holds batches with times in (T − resolution, T]) and kept for
// `retentionMs`, so a window of days is answered from a few hundred buckets instead of every batch.
import { CompactPartial, PackedSum } from './compact-partial.js';
import { SlotSum } from './slot-sum.js';
import type { KeyedReducer } from './window-state.js';
import { PartialStore } from './partial-store.js';
import { type ValueOrder, ownCopy, selectTopK } from './top-k.js';
import type { HistoryTier } from './window-rules.js';

/**
 * Bounds a roll-up bucket to its `maxKeys` largest keys by `order`: keys with many values per bucket
 * (authors, tag × author pairs) would otherwise keep a day of the stream's long tail per minute.
 * Counts of the keys left out are lost for windows answered from this tier (counted in stats).
 */
export interface RollupLimit<V> {
  maxKeys: number;
  /**
   * Counts ranked by the engine's `descending` (most first) are cut by a histogram rather than a
   * heap where a bucket sums packed partials with keys of their own (SlotSum.topEntries).
   */
  order: ValueOrder<V>;
}

/**
 * How many times `maxKeys` a closed bucket hands on to the next coarser tier. Handing on the full
 * sum kept the open hour bucket of tag × author pairs growing to millions of keys at 1,000
 * tweets/s (each minute's fold took 45-100 ms, blocking the event loop, and the hour's close would
 * rank them all); a key below this cut in every one of its minutes cannot plausibly reach the
 * hour's top `maxKeys`. Without a limit the full sum is handed on and every tier stays exact.
 */
export const ROLLUP_CARRY_FACTOR = 8;

/** A closed bucket: its time and its sum (under a limit, its largest keys), for the next coarser tier. */
export type ClosedBucket<K, V> = readonly [number, ReadonlyMap<K, V>];

export class RollupTier<K, V> {
  readonly store = new PartialStore<ReadonlyMap<K, V>>();
  readonly resolutionMs: number;
  readonly retentionMs: number;
  /** Keys dropped by the limit since the start, over all buckets. */
  keysTrimmed = 0;
  /** Keys held by the retained buckets (kept up to date, so stats cost nothing). */
  keys = 0;
  /** The open bucket's sum: as a Map, or in typed arrays while every input came packed (`summed`). */
  private open: Map<K, V> | null = null;
  private summed: PackedSum<K> | SlotSum<K> | null = null;
  private openTime = Number.NEGATIVE_INFINITY;
  private readonly reduce: (a: V, b: V) => V;
  private readonly sums: boolean;

  constructor(
    tier: HistoryTier,
    reducer: KeyedReducer<V>,
    private readonly limit: RollupLimit<V> | undefined,
  ) {
    this.resolutionMs = tier.resolutionMs;
    this.retentionMs = tier.retentionMs;
    this.reduce = reducer.reduce;
    this.sums = reducer.sums === true;
  }

  /**
   * Folds the finer partial of time `time` (null: time only moves on) into its bucket. Buckets that
   * time has passed close: each is stored (trimmed to `maxKeys`) and pushed to `closed` (trimmed
   * to `maxKeys × ROLLUP_CARRY_FACTOR`), in time order.
   */
  fold(time: number, part: ReadonlyMap<K, V> | null, closed: Array<ClosedBucket<K, V>>): void {
    const r = this.resolutionMs;
    const bucket = Math.ceil(time / r) * r;
    if (this.isOpen() && this.openTime < bucket) this.close(closed);
    if (part !== null && part.size > 0) {
      const opening = !this.isOpen();
      if (opening) this.openTime = bucket;
      if (opening && this.sums && part instanceof CompactPartial) this.summed = sumStartingWith(part);
      if (this.summed !== null && part instanceof CompactPartial && this.summed.accepts(part))
        this.summed.add(part);
      else this.foldIntoMap(part);
    }
    // The bucket's last batch: close it now, so a window ending here sees it.
    if (this.isOpen() && time === this.openTime) this.close(closed);
  }

  private isOpen(): boolean {
    return this.open !== null || this.summed !== null;
  }

  /** The open sum as a Map, giving up its typed form (a partial that cannot join it came). */
  private openMap(): Map<K, V> | null {
    if (this.summed !== null) {
      this.open = this.summed.toMap<V>();
      this.summed.clear();
      this.summed = null;
    }
    return this.open;
  }

  private foldIntoMap(part: ReadonlyMap<K, V>): void {
    const sum = this.openMap();
    if (sum === null) {
      this.open = new Map(part);
      return;
    }
    const reduce = this.reduce;
    part.forEach((value, key) => {
      const old = sum.get(key);
      sum.set(key, old === undefined ? value : reduce(old, value));
    });
  }

  /** Drops buckets with time ≤ `time`. */
  evictUpTo(time: number): void {
    for (const part of this.store.range(Number.NEGATIVE_INFINITY, time)) this.keys -= part.size;
    this.store.evictUpTo(time);
  }

  /** The open bucket and the retained ones, for checkpoints. */
  snapshot(): RollupSnapshot<K, V> {
    return {
      open: !this.isOpen() ? null : [this.openTime, [...(this.summed?.toMap<V>() ?? this.open!)]],
      buckets: this.store.entries().map(([time, part]) => [time, [...part]]),
      keysTrimmed: this.keysTrimmed,
    };
  }

  restore(data: RollupSnapshot<K, V>): void {
    this.summed?.clear();
    this.summed = null;
    this.open = data.open === null ? null : new Map(data.open[1]);
    this.openTime = data.open === null ? Number.NEGATIVE_INFINITY : data.open[0];
    const buckets = data.buckets.map(([time, entries]): [number, ReadonlyMap<K, V>] => [
      time,
      new Map(entries),
    ]);
    this.store.restore(buckets);
    this.keys = buckets.reduce((sum, [, part]) => sum + part.size, 0);
    this.keysTrimmed = data.keysTrimmed;
  }

  private close(closed: Array<ClosedBucket<K, V>>): void {
    const time = this.openTime;
    const summed = this.summed;
    const size = summed !== null ? summed.size : this.open!.size;
    let carried: ReadonlyMap<K, V>;
    let kept: ReadonlyMap<K, V>;
    if (
      this.limit &&
      // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only; a bucket within the limit ranks to all its keys, kept whole either way.
      size > this.limit.maxKeys
    ) {
      const { maxKeys, order } = this.limit;
      // One ranking serves both cuts: the kept keys are the carried ones' first `maxKeys`. A typed
      // sum is ranked in place, its few kept values copied out.
      const carriedKeys = maxKeys * ROLLUP_CARRY_FACTOR;
      const ranked =
        summed instanceof SlotSum
          ? summed.topEntries<V>(carriedKeys, order)
          : summed !== null
            ? selectTopK<K, V>({ forEach: (visit) => summed.forEachLent(visit) }, carriedKeys, order, ownCopy)
            : selectTopK(this.open!, carriedKeys, order);
      for (const entry of ranked) entry[0] = ownKey(entry[0]);
      carried = new Map(ranked);
      kept = new Map(ranked.slice(0, maxKeys));
      this.keysTrimmed += size - kept.size;
    } else {
      carried = kept = withOwnKeys(this.openMap()!);
    }
    this.summed?.clear();
    this.summed = null;
    this.open = null;
    closed.push([time, carried]);
    this.store.add(time, kept);
    this.keys += kept.size;
  }
}

/**
 * A string key as a string of its own. Keys read out of packed partials that keep their keys joined
 * (InlineKeys, and SlotSum's sum of them) are slices, which V8 keeps as views into the whole joined
 * string: a minute bucket kept for a day (an hour bucket for 30 days) would hold every batch string
 * its keys came from, some 35 KB of pairs each, long after the per-batch tier let the batch go.
 * Replaying 1M generated tweets, 45k such slices were alive at the end. Concatenating and slicing
 * again makes V8 copy the characters into a new string, which the result alone refers to.
 */
function ownKey<K>(key: K): K {
  return typeof key === 'string' ? ((' ' + key).slice(1) as K) : key;
}

/** The bucket with every string key its own (see ownKey). */
function withOwnKeys<K, V>(bucket: Map<K, V>): Map<K, V> {
  const out = new Map<K, V>();
  for (const [key, value] of bucket) out.set(ownKey(key), value);
  return out;
}

/** A typed sum for a bucket opened by `part`: by the operator's key numbers, or by keys of its own. */
function sumStartingWith<K>(part: CompactPartial<K, unknown>): PackedSum<K> | SlotSum<K> {
  return part.dictionary === null
    ? new SlotSum<K>(part.width)
    : new PackedSum<K>(part.dictionary, part.width);
}

export interface RollupSnapshot<K, V> {
  open: [number, Array<[K, V]>] | null;
  buckets: Array<[number, Array<[K, V]>]>;
  keysTrimmed: number;
}
