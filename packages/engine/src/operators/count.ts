// count: one record per batch, the number of records in it (0 for an empty batch, as Spark does).
import { type BatchRun, type Graph, INACTIVE, Node, type Out } from '../graph/node.js';

export class CountNode<T> extends Node<readonly number[]> {
  readonly kind = 'count';

  constructor(
    graph: Graph,
    private readonly parent: Node<readonly T[]>,
  ) {
    super(graph, [parent]);
  }

  compute(run: BatchRun): Out<readonly number[]> {
    const input = run.value(this.parent);
    return input === INACTIVE ? INACTIVE : [input.length];
  }
}
