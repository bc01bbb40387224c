// Keeps a window's top K across slides without rescanning every key: only the keys of the batches
// that entered or left can change rank, so a slide costs O((K + changed) log(K + changed)), and a
// full O(n log K) scan happens only when too many of the leaders fell (or after a recount).
import { type ValueOrder, compareKeys, selectTopK } from './top-k';

export interface TopKSource<K, V> {
  /** The current value, undefined when the key is absent (or hidden as zero). */
  get(key: K): V | undefined;
  entries(): Iterable<[K, V]>;
  readonly size: number;
}

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
  query(k: number, step: number, source: TopKSource<K, V>, changed: (() => Iterable<K>) | null): Array<[K, V]> {
    if (this.step === step && this.cached && this.cached.k >= k) return this.cached.result.slice(0, k);
    const margin = Math.max(k * 2, k + 32);
    let result: Array<[K, V]> | undefined;
    if (this.step === step - 1 && changed) {
      result = this.update(k, margin, source, changed());
    }
    if (!result) {
      this.fullScans++;
      this.buffer = selectTopK(source.entries(), margin, this.compare);
      this.exhaustive = this.buffer.length === source.size;
      result = this.buffer.slice(0, k);
    }
    this.step = step;
    this.cached = { k, result };
    return result.slice();
  }

  private update(k: number, margin: number, source: TopKSource<K, V>, changed: Iterable<K>): Array<[K, V]> | undefined {
    const threshold = this.buffer[this.buffer.length - 1];
    const candidates = new Map<K, V>();
    for (const [key] of this.buffer) {
      const value = source.get(key);
      if (value !== undefined) candidates.set(key, value);
    }
    for (const key of changed) {
      const value = source.get(key);
      if (value === undefined) candidates.delete(key);
      else candidates.set(key, value);
    }
    const sorted = [...candidates].sort(this.order);
    if (this.exhaustive) {
      // The buffer held every key, so the candidates are every key now.
      this.buffer = sorted.slice(0, margin);
      this.exhaustive = sorted.length <= margin;
      return this.buffer.slice(0, k);
    }
    // Keys outside the candidates are unchanged and ranked after the old threshold, so only the
    // candidates ranking before it (or the unchanged threshold itself) are certainly in place.
    const certain = threshold === undefined ? sorted : sorted.filter((entry) => this.order(entry, threshold) <= 0);
    if (certain.length < k) return undefined;
    this.buffer = certain.slice(0, margin);
    return this.buffer.slice(0, k);
  }
}
