// reduce: the batch's records folded into one record (none for an empty batch).
import { type BatchRun, type Graph, INACTIVE, Node, type Out } from '../graph/node.js';

export class ReduceNode<T> extends Node<readonly T[]> {
  readonly kind = 'reduce';

  constructor(
    graph: Graph,
    private readonly parent: Node<readonly T[]>,
    private readonly reduce: (a: T, b: T) => T,
  ) {
    super(graph, [parent]);
  }

  compute(run: BatchRun): Out<readonly T[]> {
    const input = run.value(this.parent);
    if (input === INACTIVE) return INACTIVE;
    if (input.length === 0) return [];
    let acc: T = input[0] as T;
    for (let i = 1; i < input.length; i++) acc = this.reduce(acc, input[i]!);
    return [acc];
  }
}
