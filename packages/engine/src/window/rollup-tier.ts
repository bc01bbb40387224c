// One roll-up tier of a window operator's history: finer partials summed into buckets of
// `resolutionMs` (bucket T holds batches with times in (T − resolution, T]) and kept for
// `retentionMs`, so a window of days is answered from a few hundred buckets instead of every batch.
import { PartialStore } from './partial-store.js';
import { type ValueOrder, selectTopK } from './top-k.js';
import type { HistoryTier } from './window-rules.js';

/**
 * Bounds a roll-up bucket to its `maxKeys` largest keys by `order`: keys with many values per bucket
 * (authors, tag × author pairs) would otherwise keep a day of the stream's long tail per minute.
 * Counts of the keys left out are lost for windows answered from this tier (counted in stats).
 */
export interface RollupLimit<V> {
  maxKeys: number;
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
  private open: Map<K, V> | null = null;
  private openTime = Number.NEGATIVE_INFINITY;

  constructor(
    tier: HistoryTier,
    private readonly reduce: (a: V, b: V) => V,
    private readonly limit: RollupLimit<V> | undefined,
  ) {
    this.resolutionMs = tier.resolutionMs;
    this.retentionMs = tier.retentionMs;
  }

  /**
   * Folds the finer partial of time `time` (null: time only moves on) into its bucket. Buckets that
   * time has passed close: each is stored (trimmed to `maxKeys`) and pushed to `closed` (trimmed
   * to `maxKeys × ROLLUP_CARRY_FACTOR`), in time order.
   */
  fold(time: number, part: ReadonlyMap<K, V> | null, closed: Array<ClosedBucket<K, V>>): void {
    const r = this.resolutionMs;
    const bucket = Math.ceil(time / r) * r;
    if (this.open !== null && this.openTime < bucket) this.close(closed);
    if (part !== null && part.size > 0) {
      if (this.open === null) {
        this.open = new Map(part);
        this.openTime = bucket;
      } else {
        const sum = this.open;
        const reduce = this.reduce;
        part.forEach((value, key) => {
          const old = sum.get(key);
          sum.set(key, old === undefined ? value : reduce(old, value));
        });
      }
    }
    // The bucket's last batch: close it now, so a window ending here sees it.
    if (this.open !== null && time === this.openTime) this.close(closed);
  }

  /** Drops buckets with time ≤ `time`. */
  evictUpTo(time: number): void {
    for (const part of this.store.range(Number.NEGATIVE_INFINITY, time)) this.keys -= part.size;
    this.store.evictUpTo(time);
  }

  /** The open bucket and the retained ones, for checkpoints. */
  snapshot(): RollupSnapshot<K, V> {
    return {
      open: this.open === null ? null : [this.openTime, [...this.open]],
      buckets: this.store.entries().map(([time, part]) => [time, [...part]]),
      keysTrimmed: this.keysTrimmed,
    };
  }

  restore(data: RollupSnapshot<K, V>): void {
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
    const sum = this.open!;
    const time = this.openTime;
    this.open = null;
    let carried: ReadonlyMap<K, V> = sum;
    let kept: ReadonlyMap<K, V> = sum;
    if (
      this.limit &&
      // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only; a bucket within the limit ranks to all its keys, kept whole either way.
      sum.size > this.limit.maxKeys
    ) {
      const { maxKeys, order } = this.limit;
      // One ranking serves both cuts: the kept keys are the carried ones' first `maxKeys`.
      const ranked = selectTopK(sum, maxKeys * ROLLUP_CARRY_FACTOR, order);
      carried = new Map(ranked);
      kept = new Map(ranked.slice(0, maxKeys));
      this.keysTrimmed += sum.size - kept.size;
    }
    closed.push([time, carried]);
    this.store.add(time, kept);
    this.keys += kept.size;
  }
}

export interface RollupSnapshot<K, V> {
  open: [number, Array<[K, V]>] | null;
  buckets: Array<[number, Array<[K, V]>]>;
  keysTrimmed: number;
}
