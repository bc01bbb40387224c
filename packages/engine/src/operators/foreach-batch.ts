// foreachBatch: the output operator. Runs once per batch (once per slide for windowed streams), in
// the order outputs were registered; an async function is awaited before the next output runs.
import { type BatchRun, type Graph, INACTIVE, type Node, OutputNode, type Out } from '../graph/node.js';

export class ForeachBatchNode<V> extends OutputNode {
  readonly kind = 'foreachBatch';

  constructor(
    graph: Graph,
    private readonly parent: Node<V>,
    private readonly fn: (value: V, batchTime: number) => void | Promise<void>,
  ) {
    super(graph, [parent]);
  }

  async compute(run: BatchRun): Promise<Out<void>> {
    const input = run.value(this.parent);
    if (input === INACTIVE) return INACTIVE;
    await this.fn(input, run.time);
  }
}
