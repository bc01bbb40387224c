// reduceByWindow / countByWindow: a non-keyed window is a keyed window with one key.
import { type BatchRun, type Graph, INACTIVE, Node, type Out } from '../graph/node.js';
import type { KeyedWindow } from '../window/window-state.js';

export const WHOLE = 'whole-window';

/** Wraps each batch's single value (if any) as a one-key partial. */
export class SingleKeyNode<T> extends Node<ReadonlyMap<string, T>> {
  readonly kind = 'singleKey';

  constructor(
    graph: Graph,
    private readonly parent: Node<readonly T[]>,
  ) {
    super(graph, [parent]);
  }

  compute(run: BatchRun): Out<ReadonlyMap<string, T>> {
    const input = run.value(this.parent);
    if (input === INACTIVE) return INACTIVE;
    return input.length === 0 ? new Map() : new Map([[WHOLE, input[0]!]]);
  }
}

/** The window's one value as a record: none for an empty window, or `empty` when given (count → 0). */
export class WindowValueNode<T> extends Node<readonly T[]> {
  readonly kind = 'windowValue';

  constructor(
    graph: Graph,
    private readonly parent: Node<KeyedWindow<string, T>>,
    private readonly empty?: T,
  ) {
    super(graph, [parent]);
  }

  compute(run: BatchRun): Out<readonly T[]> {
    const window = run.value(this.parent);
    if (window === INACTIVE) return INACTIVE;
    const value = window.get(WHOLE);
    if (value !== undefined) return [value];
    return this.empty === undefined ? [] : [this.empty];
  }
}

/** A keyed window's entries as records, for further transformations (copies every pair). */
export class WindowEntriesNode<K, V> extends Node<readonly [K, V][]> {
  readonly kind = 'windowEntries';

  constructor(
    graph: Graph,
    private readonly parent: Node<KeyedWindow<K, V>>,
  ) {
    super(graph, [parent]);
  }

  compute(run: BatchRun): Out<readonly [K, V][]> {
    const window = run.value(this.parent);
    return window === INACTIVE ? INACTIVE : [...window.entries()];
  }
}

/** The window's top k entries as records. */
export class WindowTopKNode<K, V> extends Node<readonly [K, V][]> {
  readonly kind = 'windowTopK';

  constructor(
    graph: Graph,
    private readonly parent: Node<KeyedWindow<K, V>>,
    private readonly k: number,
    private readonly compare: ((a: V, b: V) => number) | undefined,
  ) {
    super(graph, [parent]);
  }

  compute(run: BatchRun): Out<readonly [K, V][]> {
    const window = run.value(this.parent);
    return window === INACTIVE ? INACTIVE : window.topK(this.k, this.compare);
  }
}
