// flatMap: any number of output records per input record.
import { type BatchRun, type Graph, INACTIVE, Node, type Out } from '../graph/node.js';

export class FlatMapNode<T, U> extends Node<readonly U[]> {
  readonly kind = 'flatMap';

  constructor(
    graph: Graph,
    private readonly parent: Node<readonly T[]>,
    private readonly fn: (value: T) => Iterable<U>,
  ) {
    super(graph, [parent]);
  }

  compute(run: BatchRun): Out<readonly U[]> {
    const input = run.value(this.parent);
    if (input === INACTIVE) return INACTIVE;
    const output: U[] = [];
    for (const value of input) {
      const produced = this.fn(value);
      if (Array.isArray(produced)) for (const item of produced) output.push(item);
      else for (const item of produced) output.push(item);
    }
    return output;
  }
}
