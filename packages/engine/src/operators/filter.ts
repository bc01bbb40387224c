// filter: keeps the records the predicate accepts.
import { type BatchRun, type Graph, INACTIVE, Node, type Out } from '../graph/node.js';

export class FilterNode<T> extends Node<readonly T[]> {
  readonly kind = 'filter';

  constructor(
    graph: Graph,
    private readonly parent: Node<readonly T[]>,
    private readonly predicate: (value: T) => boolean,
  ) {
    super(graph, [parent]);
  }

  compute(run: BatchRun): Out<readonly T[]> {
    const input = run.value(this.parent);
    if (input === INACTIVE) return INACTIVE;
    const output: T[] = [];
    for (const value of input) if (this.predicate(value)) output.push(value);
    return output;
  }
}
