// window: at each slide, all records of the batches with times in (t − W, t]. Keeps every batch's
// records for the retention horizon, so prefer the reducing window operators for large streams.
import { type BatchRun, type Graph, INACTIVE, Node, type Out } from '../graph/node.js';
import { PartialStore } from '../window/partial-store.js';
import type { WindowSpec } from '../window/window-spec.js';

export class WindowNode<T> extends Node<readonly T[]> {
  readonly kind = 'window';
  private readonly store = new PartialStore<readonly T[]>();

  constructor(
    graph: Graph,
    private readonly parent: Node<readonly T[]>,
    private readonly spec: WindowSpec,
    private readonly retentionMs: () => number,
  ) {
    super(graph, [parent]);
  }

  compute(run: BatchRun): Out<readonly T[]> {
    const t = run.time;
    const input = run.value(this.parent);
    if (input !== INACTIVE && input.length > 0) this.store.add(t, input);
    const { windowLengthMs: w, slideMs: s } = this.spec.current();
    this.store.evictUpTo(t - Math.max(this.retentionMs(), w));
    if (t % s !== 0) return INACTIVE;
    const output: T[] = [];
    for (const part of this.store.range(t - w, t)) for (const value of part) output.push(value);
    return output;
  }

  override snapshot(): unknown {
    return this.store.entries();
  }

  override restore(data: unknown): void {
    this.store.restore(data as Array<[number, readonly T[]]>);
  }
}
