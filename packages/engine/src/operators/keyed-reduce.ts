// Per-batch aggregation into a Map: countByValue (value → count), reduceByKey (key → reduced value)
// and combineByKey (a job's own per-batch reduce). These Maps are the partials windows retain.
import { type BatchRun, type Graph, INACTIVE, Node, type Out } from '../graph/node.js';

export class CountMapNode<T> extends Node<ReadonlyMap<T, number>> {
  readonly kind = 'countByValue';

  constructor(
    graph: Graph,
    private readonly parent: Node<readonly T[]>,
  ) {
    super(graph, [parent]);
  }

  compute(run: BatchRun): Out<ReadonlyMap<T, number>> {
    const input = run.value(this.parent);
    if (input === INACTIVE) return INACTIVE;
    const counts = new Map<T, number>();
    for (const value of input) counts.set(value, (counts.get(value) ?? 0) + 1);
    return counts;
  }
}

export class ReduceByKeyMapNode<K, V> extends Node<ReadonlyMap<K, V>> {
  readonly kind = 'reduceByKey';

  constructor(
    graph: Graph,
    private readonly parent: Node<readonly (readonly [K, V])[]>,
    private readonly reduce: (a: V, b: V) => V,
  ) {
    super(graph, [parent]);
  }

  compute(run: BatchRun): Out<ReadonlyMap<K, V>> {
    const input = run.value(this.parent);
    if (input === INACTIVE) return INACTIVE;
    const reduced = new Map<K, V>();
    for (const [key, value] of input) {
      const previous = reduced.get(key);
      reduced.set(
        key,
        previous === undefined && !reduced.has(key) ? value : this.reduce(previous as V, value),
      );
    }
    return reduced;
  }
}

/**
 * The batch's Map made by the job's own function: for jobs that sum a batch in place (a vector per
 * key, mutated per record), where handing reduceByKey a [key, value] pair per key built a pair array
 * per key and the same Map a second time.
 */
export class CombineMapNode<T, K, V> extends Node<ReadonlyMap<K, V>> {
  readonly kind = 'combineByKey';

  constructor(
    graph: Graph,
    private readonly parent: Node<readonly T[]>,
    private readonly combine: (records: readonly T[]) => ReadonlyMap<K, V>,
  ) {
    super(graph, [parent]);
  }

  compute(run: BatchRun): Out<ReadonlyMap<K, V>> {
    const input = run.value(this.parent);
    return input === INACTIVE ? INACTIVE : this.combine(input);
  }
}

/** Turns a per-batch Map into the stream's records: [key, value] pairs in first-seen order. */
export class EntriesNode<K, V> extends Node<readonly [K, V][]> {
  readonly kind = 'entries';

  constructor(
    graph: Graph,
    private readonly parent: Node<ReadonlyMap<K, V>>,
  ) {
    super(graph, [parent]);
  }

  compute(run: BatchRun): Out<readonly [K, V][]> {
    const input = run.value(this.parent);
    return input === INACTIVE ? INACTIVE : [...input];
  }
}
