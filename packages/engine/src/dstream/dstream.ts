// DStream: a stream of batches of records, with Spark Streaming's transformations. Operators only
// build the graph; the context computes it once per batch. Keyed operators take [key, value] pairs.
// The stream types that return one another (DStream, MapWithStateStream, KeyedWindowStream) share
// this file: in separate files their types would import each other in a cycle (which is also why
// it runs past 400 lines).
import { ContextStateError } from '../errors.js';
import type { Node } from '../graph/node.js';
import { CountNode } from '../operators/count.js';
import { FilterNode } from '../operators/filter.js';
import { FlatMapNode } from '../operators/flat-map.js';
import { ForeachBatchNode } from '../operators/foreach-batch.js';
import { JoinNode, type StaticTable } from '../operators/join.js';
import { CombineMapNode, CountMapNode, EntriesNode, ReduceByKeyMapNode } from '../operators/keyed-reduce.js';
import { MapNode } from '../operators/map.js';
import { ParallelCountMapNode, ParallelNode } from '../operators/parallel.js';
import type { Stage, StageKind, Task } from '../pool/task.js';
import { MapWithStateNode, type MapWithStateSpec, StateSnapshotsNode } from '../operators/map-with-state.js';
import { type UpdateStateFn, UpdateStateByKeyNode } from '../operators/update-state-by-key.js';
import { ReduceNode } from '../operators/reduce.js';
import { ReducedWindowNode, assertSlides, type WindowHistory } from '../operators/reduced-window.js';
import { WindowReaderNode, type WindowReader } from '../operators/window-reader.js';
import { TransformNode, type TransformFn } from '../operators/transform.js';
import { UnionNode } from '../operators/union.js';
import { WindowNode } from '../operators/window.js';
import {
  SingleKeyNode,
  WindowEntriesNode,
  WindowTopKNode,
  WindowValueNode,
} from '../operators/window-value.js';
import type { KeyedWindow } from '../window/window-state.js';
import type { RollupLimit } from '../window/rollup-tier.js';
import { descending, type ValueOrder } from '../window/top-k.js';
import type { WindowConfig, WindowSpec } from '../window/window-spec.js';
import type { StreamHost } from './stream-host.js';

/** A shared WindowSpec (from ctx.windowSpec) or a fixed { windowLengthMs, slideMs }. */
export type WindowArg = WindowSpec | WindowConfig;

export interface ReduceByKeyAndWindowOptions<V> {
  /** Associative and commutative. */
  reduce: (a: V, b: V) => V;
  /** Removes a leaving batch's value: with it a slide costs the batches entering and leaving, not W/B. */
  inverse?: (a: V, b: V) => V;
  /** Hides keys whose windowed value is zero (keys absent from every batch of the window always leave). */
  isZero?: (value: V) => boolean;
  /**
   * Declares that `reduce` adds numbers, or number vectors element by element (a + b, or each
   * a[i] + b[i]): the history's roll-ups then sum packed per-batch partials in typed arrays.
   */
  sums?: boolean;
  /**
   * Bounds each roll-up bucket of the context's history tiers to its `maxKeys` largest keys by
   * `order`, for keys with a long tail (authors); windows answered from per-batch partials stay
   * exact. Unbounded (exact everywhere) when absent.
   */
  rollupLimit?: RollupLimit<V>;
  /**
   * Declares that keys seldom come back from one batch to the next (a long tail, such as hashtag ×
   * author pairs): the history then keeps each packed per-batch partial's keys with it, rather than
   * numbering every key once for the operator, a lookup and often an insert per key into a table of
   * every key retained. Results are the same either way.
   */
  keysMostlyNew?: boolean;
}

/** Options of countByValueAndWindow. */
export interface CountByValueAndWindowOptions {
  /** As ReduceByKeyAndWindowOptions.rollupLimit, ordered by count. */
  rollupMaxKeys?: number;
}

export class DStream<T> {
  /** @internal Use ctx.source() / ctx.queueSource() and the operators. */
  constructor(
    readonly host: StreamHost,
    readonly node: Node<readonly T[]>,
  ) {}

  /** Where a window operator of this stream keeps its history: the context's tiers. */
  private windowHistory<V>(rollupLimit?: RollupLimit<V>, keysMostlyNew?: boolean): WindowHistory<V> {
    return {
      retentionMs: () => this.host.retentionMs(),
      tiers: this.host.history(),
      rollupLimit,
      keysMostlyNew,
    };
  }

  private derive<U>(node: Node<readonly U[]>): DStream<U> {
    return new DStream(this.host, node);
  }

  map<U>(fn: (value: T) => U): DStream<U> {
    return this.derive(new MapNode(this.host.graph, this.node, fn));
  }

  flatMap<U>(fn: (value: T) => Iterable<U>): DStream<U> {
    return this.derive(new FlatMapNode(this.host.graph, this.node, fn));
  }

  filter<S extends T>(predicate: (value: T) => value is S): DStream<S>;
  filter(predicate: (value: T) => boolean): DStream<T>;
  filter(predicate: (value: T) => boolean): DStream<T> {
    return this.derive(new FilterNode(this.host.graph, this.node, predicate));
  }

  /** The records of this stream and the others, in that order, per batch. */
  union(...others: DStream<T>[]): DStream<T> {
    return this.derive(new UnionNode(this.host.graph, [this.node, ...others.map((other) => other.node)]));
  }

  /** Any batch-to-batch function, sync or async (awaited before the batch goes on). */
  transform<U>(fn: TransformFn<T, U>): DStream<U> {
    return this.derive(new TransformNode(this.host.graph, this.node, fn));
  }

  /** One record per batch: its number of records (0 for an empty batch). */
  count(): DStream<number> {
    return this.derive(new CountNode(this.host.graph, this.node));
  }

  /** One record per non-empty batch: its records folded with `reduce`. */
  reduce(reduce: (a: T, b: T) => T): DStream<T> {
    return this.derive(new ReduceNode(this.host.graph, this.node, reduce));
  }

  /** [value, count] per distinct value in the batch, in first-seen order. */
  countByValue(): DStream<[T, number]> {
    return this.derive(new EntriesNode(this.host.graph, this.countMap()));
  }

  /** Per-batch counts; after parallel stages the counting runs in the workers too (map-side combine). */
  private countMap(): Node<ReadonlyMap<T, number>> {
    if (this.node instanceof ParallelNode) {
      return new ParallelCountMapNode(this.host.graph, this.node as ParallelNode<unknown, T>, this.host);
    }
    return new CountMapNode(this.host.graph, this.node);
  }

  // ---- parallel stages (worker_threads) -------------------------------------------------------

  private parallel<U>(kind: StageKind, task: Task<never, unknown>): DStream<U> {
    if (!task || typeof task.module !== 'string' || typeof task.export !== 'string') {
      throw new TypeError(
        "a parallel stage needs a task: defineTask(new URL('./tasks.ts', import.meta.url), 'fnName')",
      );
    }
    const stage: Stage = { kind, module: task.module, export: task.export };
    // Consecutive parallel stages run together in one trip to the workers.
    const [input, stages] =
      this.node instanceof ParallelNode
        ? [this.node.input as Node<readonly unknown[]>, [...this.node.stages, stage]]
        : [this.node as Node<readonly unknown[]>, [stage]];
    return new DStream(this.host, new ParallelNode<unknown, U>(this.host.graph, input, stages, this.host));
  }

  /** map on the worker pool: `task` exports `(record: T) => U`. Same results with 1 or N workers. */
  mapParallel<U>(task: Task<T, U>): DStream<U> {
    return this.parallel('map', task as Task<never, unknown>);
  }

  /** flatMap on the worker pool: `task` exports `(record: T) => Iterable<U>`. */
  flatMapParallel<U>(task: Task<T, Iterable<U>>): DStream<U> {
    return this.parallel('flatMap', task as Task<never, unknown>);
  }

  /** filter on the worker pool: `task` exports `(record: T) => boolean`. */
  filterParallel(task: Task<T, boolean>): DStream<T> {
    return this.parallel('filter', task as Task<never, unknown>);
  }

  /** A chunk at a time on the worker pool: `task` exports `(records: T[]) => U[] | Promise<U[]>`. */
  mapPartitionsParallel<U>(task: Task<T[], U[]>): DStream<U> {
    return this.parallel('partition', task as Task<never, unknown>);
  }

  /** [key, reduced value] per distinct key in the batch, in first-seen order. */
  reduceByKey<K, V>(this: DStream<readonly [K, V]>, reduce: (a: V, b: V) => V): DStream<[K, V]> {
    return new DStream(
      this.host,
      new EntriesNode(this.host.graph, new ReduceByKeyMapNode(this.host.graph, this.node, reduce)),
    );
  }

  /** Inner stream-static join: records whose key the table lacks are left out. */
  join<K, V, W>(this: DStream<readonly [K, V]>, table: StaticTable<K, W>): DStream<[K, [V, W]]> {
    return new DStream(this.host, new JoinNode(this.host.graph, this.node, table, false));
  }

  /** Left outer stream-static join: records whose key the table lacks get `undefined`. */
  leftOuterJoin<K, V, W>(
    this: DStream<readonly [K, V]>,
    table: StaticTable<K, W>,
  ): DStream<[K, [V, W | undefined]]> {
    return new DStream(this.host, new JoinNode(this.host.graph, this.node, table, true));
  }

  /**
   * All records of the batches in (t − W, t], emitted at every slide t. Retains every record for the
   * retention horizon: for aggregates prefer the reducing window operators.
   */
  window(window: WindowArg): DStream<T> {
    const spec = this.host.resolveWindow(window);
    return this.derive(new WindowNode(this.host.graph, this.node, spec, () => this.host.retentionMs()));
  }

  /** One record per slide: the number of records in the window (0 when empty). */
  countByWindow(window: WindowArg): DStream<number> {
    const spec = this.host.resolveWindow(window);
    const graph = this.host.graph;
    const perBatch = new SingleKeyNode(graph, new CountNode(graph, this.node));
    const windowed = new ReducedWindowNode(
      graph,
      perBatch,
      spec,
      { reduce: add, inverse: subtract, sums: true },
      this.windowHistory(),
      'countByWindow',
    );
    return this.derive(new WindowValueNode(graph, windowed, 0));
  }

  /** One record per slide with records in the window: all of them folded with `reduce`. */
  reduceByWindow(
    reduce: (a: T, b: T) => T,
    inverse: ((a: T, b: T) => T) | undefined,
    window: WindowArg,
  ): DStream<T> {
    const spec = this.host.resolveWindow(window);
    const graph = this.host.graph;
    const perBatch = new SingleKeyNode(graph, new ReduceNode(graph, this.node, reduce));
    const windowed = new ReducedWindowNode(
      graph,
      perBatch,
      spec,
      { reduce, inverse },
      this.windowHistory(),
      'reduceByWindow',
    );
    return this.derive(new WindowValueNode(graph, windowed));
  }

  /** Count per distinct value over the window, emitted at every slide as a read-only Map view. */
  countByValueAndWindow(
    window: WindowArg,
    options?: CountByValueAndWindowOptions,
  ): KeyedWindowStream<T, number> {
    const spec = this.host.resolveWindow(window);
    const graph = this.host.graph;
    const windowed = new ReducedWindowNode(
      graph,
      this.countMap(),
      spec,
      { reduce: add, inverse: subtract, sums: true },
      this.windowHistory(
        options?.rollupMaxKeys === undefined
          ? undefined
          : { maxKeys: options.rollupMaxKeys, order: descending },
      ),
      'countByValueAndWindow',
    );
    return new KeyedWindowStream(this.host, windowed, spec);
  }

  /**
   * As reduceByKeyAndWindow, with each batch's reduce done by `combine`: the batch's records to one
   * Map of their keys' values, each reduced over the batch in record order (what reduceByKey would
   * give). For jobs that sum a batch in place, without a [key, value] record per key.
   */
  combineByKeyAndWindow<K, V>(
    combine: (records: readonly T[]) => ReadonlyMap<K, V>,
    options: ReduceByKeyAndWindowOptions<V>,
    window: WindowArg,
  ): KeyedWindowStream<K, V> {
    checkReducer('combineByKeyAndWindow', options);
    return this.reducedWindow(new CombineMapNode(this.host.graph, this.node, combine), options, window);
  }

  /**
   * Reduce per key over the window, emitted at every slide as a read-only Map view. Works for any
   * value type (e.g. a tuple of counts and a score sum); with `inverse` each slide is incremental.
   */
  reduceByKeyAndWindow<K, V>(
    this: DStream<readonly [K, V]>,
    options: ReduceByKeyAndWindowOptions<V>,
    window: WindowArg,
  ): KeyedWindowStream<K, V> {
    checkReducer('reduceByKeyAndWindow', options);
    return this.reducedWindow(
      new ReduceByKeyMapNode(this.host.graph, this.node, options.reduce),
      options,
      window,
    );
  }

  /** The keyed window over per-batch Maps (reduceByKeyAndWindow's, combineByKeyAndWindow's). */
  private reducedWindow<K, V>(
    partials: Node<ReadonlyMap<K, V>>,
    options: ReduceByKeyAndWindowOptions<V>,
    window: WindowArg,
  ): KeyedWindowStream<K, V> {
    const spec = this.host.resolveWindow(window);
    const windowed = new ReducedWindowNode(
      this.host.graph,
      partials,
      spec,
      { reduce: options.reduce, inverse: options.inverse, isZero: options.isZero, sums: options.sums },
      this.windowHistory(options.rollupLimit, options.keysMostlyNew),
    );
    return new KeyedWindowStream(this.host, windowed, spec);
  }

  /**
   * A state per key, updated every batch by `update(newValues, previousState, key)` for every key
   * with state or new values; returning undefined removes the key. Emits every [key, state] per batch.
   */
  updateStateByKey<K, V, S>(this: DStream<readonly [K, V]>, update: UpdateStateFn<K, V, S>): DStream<[K, S]> {
    return new DStream(this.host, new UpdateStateByKeyNode(this.host.graph, this.node, update));
  }

  /**
   * Maps each [key, value] record with its key's state (`fn(key, value, state, batchTime)`); with
   * `timeoutMs`, a key idle that long gets one more call (value undefined, state.isTimingOut()) and is
   * removed. Emits what `fn` returns, per record and per timeout.
   */
  mapWithState<K, V, S, U>(
    this: DStream<readonly [K, V]>,
    spec: MapWithStateSpec<K, V, S, U>,
  ): MapWithStateStream<U, K, S> {
    const node = new MapWithStateNode(this.host.graph, this.node, spec);
    return new MapWithStateStream<U, K, S>(this.host, node, node as MapWithStateNode<K, unknown, S, unknown>);
  }

  /**
   * The output operation: `fn` runs for every batch (every slide for windowed streams, with the
   * window's end time), in registration order; a returned promise is awaited. A throw fails the batch.
   */
  foreachBatch(fn: (records: readonly T[], batchTime: number) => void | Promise<void>): void {
    new ForeachBatchNode(this.host.graph, this.node, fn);
  }
}

/** Fails at graph building, before any node is made, when the options carry no reduce. */
function checkReducer<V>(operator: string, options: ReduceByKeyAndWindowOptions<V> | undefined): void {
  if (typeof options?.reduce !== 'function') {
    throw new TypeError(`${operator} needs { reduce } (and optionally inverse, isZero)`);
  }
}

function add(a: number, b: number): number {
  return a + b;
}

function subtract(a: number, b: number): number {
  return a - b;
}

/** The stream of mapWithState's results, which can also show every key's state. */
export class MapWithStateStream<U, K, S> extends DStream<U> {
  /** @internal */
  constructor(
    host: StreamHost,
    node: Node<readonly U[]>,
    private readonly stateNode: MapWithStateNode<K, unknown, S, unknown>,
  ) {
    super(host, node);
  }

  /** Every key's [key, state] after each batch. */
  stateSnapshots(): DStream<[K, S]> {
    return new DStream(this.host, new StateSnapshotsNode(this.host.graph, this.stateNode));
  }
}

/**
 * The result of a keyed window operator: at every slide a read-only Map view of the window (no
 * fresh array of all pairs per slide), with topK. toStream() gives plain [key, value] records.
 */
export class KeyedWindowStream<K, V> {
  /** @internal */
  constructor(
    readonly host: StreamHost,
    readonly node: Node<KeyedWindow<K, V>>,
    /** The window configuration it slides on (shared when given as ctx.windowSpec). */
    readonly spec: WindowSpec,
  ) {}

  /**
   * Runs once per slide with the window (valid until `fn` settles; copy what you keep) and the
   * window's end time. Outputs run in registration order; a returned promise is awaited.
   */
  foreachBatch(fn: (window: KeyedWindow<K, V>, windowEnd: number) => void | Promise<void>): void {
    assertSlides(this.node, 'foreachBatch');
    new ForeachBatchNode(this.host.graph, this.node, fn);
  }

  /** The window's [key, value] pairs as records, one batch per slide (copies every pair). */
  toStream(): DStream<[K, V]> {
    assertSlides(this.node, 'toStream');
    return new DStream(this.host, new WindowEntriesNode(this.host.graph, this.node));
  }

  /** The k first entries per slide (by `compare`, default numbers largest first; ties by key). */
  topK(k: number, compare?: ValueOrder<V>): DStream<[K, V]> {
    assertSlides(this.node, 'topK');
    return new DStream(this.host, new WindowTopKNode(this.host.graph, this.node, k, compare));
  }

  /**
   * The window computed only when read, instead of at every slide: for a window few look at (a
   * drill-down). Slides cost it nothing beyond keeping its history; a read costs the batches that
   * entered and left since the last one, or a recount of the window when that is cheaper. A read
   * never recounts more than `recountLimit` partials (default 60, a minute of one-second batches):
   * a longer window is kept current at every slide, as if read. The stream then has no consumer at
   * slides (foreachBatch, foreachSlide, toStream and topK refuse it).
   */
  onDemand({ recountLimit = 60 }: { recountLimit?: number } = {}): WindowReader<K, V> {
    if (!(this.node instanceof ReducedWindowNode))
      throw new ContextStateError(`${this.node.label()} cannot be computed on demand`);
    return new WindowReaderNode(this.host.graph, this.node as ReducedWindowNode<K, V>, recountLimit);
  }
}

/** The views foreachSlide passes: per position the KeyedWindow of the stream at that position. */
export type SlideViews<S extends readonly KeyedWindowStream<unknown, unknown>[]> = {
  readonly [I in keyof S]: S[I] extends KeyedWindowStream<infer K, infer V> ? KeyedWindow<K, V> : never;
};
