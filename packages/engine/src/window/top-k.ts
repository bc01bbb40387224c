// Top-K selection with a bounded heap: O(n log k) per query instead of sorting all n keys.
// Ties are broken by key so results never depend on insertion order (1 worker == N workers).

export type ValueOrder<V> = (a: V, b: V) => number;

/** Numbers, largest first. */
export const descending: ValueOrder<number> = (a, b) => b - a;

export function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = typeof a === 'string' ? a : String(a);
  const y = typeof b === 'string' ? b : String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Anything that can visit its entries: a Map, or a window view. */
export interface EntryVisitor<K, V> {
  forEach(visit: (value: V, key: K) => void): void;
}

/** A kept copy of a value lent for one call (a vector), for selectTopK's `own`. */
export function ownCopy<V>(lent: V): V {
  return (Array.isArray(lent) ? lent.slice() : lent) as V;
}

/**
 * The first `k` entries in the order `compare` (then key) defines, sorted.
 * The heap's root is the worst entry kept, so each further entry costs one comparison unless it enters.
 * `own`: for a visitor that lends each value only for the call (a scratch vector), makes the copy
 * an entry keeps.
 */
export function selectTopK<K, V>(
  entries: Iterable<readonly [K, V]> | EntryVisitor<K, V>,
  k: number,
  compare: ValueOrder<V>,
  own?: (lent: V) => V,
): Array<[K, V]> {
  if (!(Number.isInteger(k) && k >= 0))
    throw new RangeError(`topK(k): k must be a whole number ≥ 0, got ${k}`);
  if (k === 0) return [];
  const order = (a: readonly [K, V], b: readonly [K, V]): number =>
    compare(a[1], b[1]) || compareKeys(a[0], b[0]);
  // Max-heap by `order`: heap[0] is the entry that ranks last among those kept.
  const heap: Array<[K, V]> = [];
  const siftDown = (start: number): void => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && order(heap[l]!, heap[worst]!) > 0) worst = l;
      if (r < heap.length && order(heap[r]!, heap[worst]!) > 0) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  };
  const offer = (value: V, key: K): void => {
    if (heap.length < k) {
      heap.push([key, own ? own(value) : value]);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (order(heap[i]!, heap[parent]!) <= 0) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
      return;
    }
    // Compared without building a tuple: most entries fail here.
    const root = heap[0]!;
    const c = compare(value, root[1]) || compareKeys(key, root[0]);
    if (c < 0) {
      heap[0] = [key, own ? own(value) : value];
      siftDown(0);
    }
  };
  if (typeof (entries as EntryVisitor<K, V>).forEach === 'function' && !Array.isArray(entries)) {
    (entries as EntryVisitor<K, V>).forEach(offer);
  } else {
    for (const [key, value] of entries as Iterable<readonly [K, V]>) offer(value, key);
  }
  return heap.sort(order);
}
