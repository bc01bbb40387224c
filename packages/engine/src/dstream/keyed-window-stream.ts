// The result of a keyed window operator: at every slide a read-only Map view of the window
// (no fresh array of all pairs per slide), with topK. toStream() gives plain [key, value] records.
import type { Node } from '../graph/node';
import { ForeachBatchNode } from '../operators/foreach-batch';
import { WindowEntriesNode, WindowTopKNode } from '../operators/window-value';
import type { KeyedWindow } from '../window/keyed-window-state';
import type { ValueOrder } from '../window/top-k';
import type { WindowSpec } from '../window/window-spec';
import { DStream } from './dstream';
import type { StreamHost } from './stream-host';

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
    new ForeachBatchNode(this.host.graph, this.node, fn);
  }

  /** The window's [key, value] pairs as records, one batch per slide (copies every pair). */
  toStream(): DStream<[K, V]> {
    return new DStream(this.host, new WindowEntriesNode(this.host.graph, this.node));
  }

  /** The k first entries per slide (by `compare`, default numbers largest first; ties by key). */
  topK(k: number, compare?: ValueOrder<V>): DStream<[K, V]> {
    return new DStream(this.host, new WindowTopKNode(this.host.graph, this.node, k, compare));
  }
}

/** The views foreachSlide passes: per position the KeyedWindow of the stream at that position. */
export type SlideViews<S extends readonly KeyedWindowStream<unknown, unknown>[]> = {
  readonly [I in keyof S]: S[I] extends KeyedWindowStream<infer K, infer V> ? KeyedWindow<K, V> : never;
};
