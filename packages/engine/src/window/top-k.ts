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
 * The first `k` items offered, in the order `order` defines: a max-heap whose root is the item
 * ranking last among those kept, so an item that does not enter costs one comparison with it.
 * selectTopK keeps [key, value] entries; a SlotSum keeps places of its own (SlotSum.topEntries).
 */
export class BoundedHeap<T> {
  private readonly heap: T[] = [];

  constructor(
    private readonly k: number,
    private readonly order: (a: T, b: T) => number,
  ) {
    if (!(Number.isInteger(k) && k >= 0))
      throw new RangeError(`topK(k): k must be a whole number ≥ 0, got ${k}`);
  }

  /** Whether it holds k items, so an item enters only in place of the root (worst). */
  get full(): boolean {
    return this.heap.length >= this.k;
  }

  /** The item ranking last among those kept (only when some are). */
  worst(): T {
    return this.heap[0]!;
  }

  /** Adds an item while not full. */
  push(item: T): void {
    const { heap, order } = this;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      // Stryker disable next-line EqualityOperator: equivalent, the items ranked here never compare equal (their keys differ)
      if (order(heap[i]!, heap[parent]!) <= 0) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** Puts an item ranking before the worst in its place. */
  replaceWorst(item: T): void {
    const { heap, order } = this;
    heap[0] = item;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      // Stryker disable EqualityOperator: equivalent, as in push
      if (l < heap.length && order(heap[l]!, heap[worst]!) > 0) worst = l;
      if (r < heap.length && order(heap[r]!, heap[worst]!) > 0) worst = r;
      // Stryker restore EqualityOperator
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  }

  /** The items kept, first first. */
  sorted(): T[] {
    return this.heap.sort(this.order);
  }
}

/**
 * The first `k` entries in the order `compare` (then key) defines, sorted.
 * `own`: for a visitor that lends each value only for the call (a scratch vector), makes the copy
 * an entry keeps.
 */
export function selectTopK<K, V>(
  entries: Iterable<readonly [K, V]> | EntryVisitor<K, V>,
  k: number,
  compare: ValueOrder<V>,
  own?: (lent: V) => V,
): Array<[K, V]> {
  const heap = new BoundedHeap<[K, V]>(k, (a, b) => compare(a[1], b[1]) || compareKeys(a[0], b[0]));
  if (k === 0) return [];
  const offer = (value: V, key: K): void => {
    if (!heap.full) {
      heap.push([key, own ? own(value) : value]);
      return;
    }
    // Compared without building a tuple: most entries fail here.
    const root = heap.worst();
    // Stryker disable next-line EqualityOperator: equivalent, two entries never compare equal (their keys differ)
    if ((compare(value, root[1]) || compareKeys(key, root[0])) < 0)
      heap.replaceWorst([key, own ? own(value) : value]);
  };
  if (typeof (entries as EntryVisitor<K, V>).forEach === 'function' && !Array.isArray(entries)) {
    (entries as EntryVisitor<K, V>).forEach(offer);
  } else {
    for (const [key, value] of entries as Iterable<readonly [K, V]>) offer(value, key);
  }
  return heap.sorted();
}
