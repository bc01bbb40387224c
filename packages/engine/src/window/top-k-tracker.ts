// Keeps a window's top K across slides without rescanning every key: only the keys of the batches
// that entered or left can change rank, so a slide costs O((K + changed) log(K + changed)), and a
// full O(n log K) scan happens only when too many of the leaders fell (or after a recount).
import { type EntryVisitor, type ValueOrder, compareKeys, ownCopy, selectTopK } from './top-k.js';

export interface TopKSource<K, V> extends EntryVisitor<K, V> {
  /** The current value, undefined when the key is absent (or hidden as zero). */
  get(key: K): V | undefined;
  readonly size: number;
  /** As forEach, a value lent for the call only: a full scan then copies just the values it keeps. */
  forEachLent?(visit: (value: V, key: K) => void): void;
}

/** The maps (batch partials) whose keys may have changed since the previous slide. */
export type ChangedKeys<K> = () => Iterable<ReadonlyMap<K, unknown>>;

/** Checked changes cost this many scanned keys (see query). */
const TOUCHED_PER_KEY_SCANNED = 8;

export class TopKTracker<K, V> {
  /** Keys ranking first when last computed, in order; every other key ranked after the last one. */
  private buffer: Array<[K, V]> = [];
  /** True when the buffer held every key. */
  private exhaustive = false;
  private step = -1;
  private cached: { k: number; result: Array<[K, V]> } | undefined;
  fullScans = 0;

  constructor(private readonly compare: ValueOrder<V>) {}

  private readonly order = (a: readonly [K, V], b: readonly [K, V]): number =>
    this.compare(a[1], b[1]) || compareKeys(a[0], b[0]);

  /**
   * The top `k` at slide number `step`. `changed` lists the keys that may have changed since slide
   * `step − 1`, or is null when unknown (a recount, a restore): then the tracker rescans.
   */
  query(k: number, step: number, source: TopKSource<K, V>, changed: ChangedKeys<K> | null): Array<[K, V]> {
    if (this.step === step && this.cached && this.cached.k >= k) return this.cached.result.slice(0, k);
    // Stryker disable next-line all: the buffer margin only decides how often a full scan runs (speed).
    const margin = Math.max(k * 2, k + 32);
    let result: Array<[K, V]> | undefined;
    if (this.step === step - 1 && changed) {
      const parts = [...changed()];
      // When much of the key set changed, one scan of every key is cheaper than checking changes:
      // a changed key is a lookup (a hash and a probe into a large table), a scanned key a step
      // along an array. Checking when under a third of the keys changed, the engine bench's top 50
      // (`npm run bench -- engine`: 60-batch window of Zipf keys sliding every batch) took 1.53 ms
      // a slide with integer keys and 7.2 with hashtag strings; scanning, 0.70 and 0.66. On the
      // job's stream (a slide changing a sixth to a third of its keys) the two cost about the same,
      // so a changed key costs some five scanned ones: checking is kept for under an eighth.
      const touched = parts.reduce((n, part) => n + part.size, 0);
      // Stryker disable next-line ArithmeticOperator,EqualityOperator: the cut-over point is a speed heuristic.
      if (touched * TOUCHED_PER_KEY_SCANNED < source.size) result = this.update(k, margin, source, parts);
    }
    if (!result) {
      this.fullScans++;
      this.buffer = source.forEachLent
        ? selectTopK({ forEach: (visit) => source.forEachLent!(visit) }, margin, this.compare, ownCopy)
        : selectTopK(source, margin, this.compare);
      this.exhaustive = this.buffer.length === source.size;
      result = this.buffer.slice(0, k);
    }
    this.step = step;
    this.cached = { k, result };
    return result.slice();
  }

  private update(
    k: number,
    margin: number,
    source: TopKSource<K, V>,
    changed: ReadonlyArray<ReadonlyMap<K, unknown>>,
  ): Array<[K, V]> | undefined {
    if (this.exhaustive) {
      // The buffer held every key, so the buffer and the changed keys are every key now.
      const all = new Map<K, V>();
      for (const [key] of this.buffer) this.addIfPresent(all, key, source);
      for (const part of changed) for (const key of part.keys()) this.addIfPresent(all, key, source);
      const sorted = [...all].sort(this.order);
      this.buffer = sorted.slice(0, margin);
      this.exhaustive = sorted.length <= margin;
      return this.buffer.slice(0, k);
    }
    // Keys outside the buffer that did not change still rank after the old threshold, so the
    // result is certain only among keys ranking before it (or the unchanged threshold itself).
    // Most changed keys are in the tail: test each against the threshold before keeping it.
    const threshold = this.buffer[this.buffer.length - 1];
    if (threshold === undefined) return undefined;
    const [thresholdKey, thresholdValue] = threshold;
    const compare = this.compare;
    const certain = new Map<K, V>();
    const consider = (key: K): void => {
      const value = source.get(key);
      if (value !== undefined && (compare(value, thresholdValue) || compareKeys(key, thresholdKey)) <= 0) {
        certain.set(key, value);
      }
    };
    for (const [key] of this.buffer) consider(key);
    for (const part of changed) part.forEach((_value, key) => consider(key));
    if (certain.size < k) return undefined;
    this.buffer = [...certain].sort(this.order).slice(0, margin);
    return this.buffer.slice(0, k);
  }

  private addIfPresent(into: Map<K, V>, key: K, source: TopKSource<K, V>): void {
    const value = source.get(key);
    if (value !== undefined) into.set(key, value);
  }
}
