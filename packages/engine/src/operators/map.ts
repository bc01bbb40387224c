// map: one output record per input record.
import { type BatchRun, type Graph, INACTIVE, Node, type Out } from '../graph/node.js';

export class MapNode<T, U> extends Node<readonly U[]> {
  readonly kind = 'map';

  constructor(
    graph: Graph,
    private readonly parent: Node<readonly T[]>,
    private readonly fn: (value: T) => U,
  ) {
    super(graph, [parent]);
  }

  compute(run: BatchRun): Out<readonly U[]> {
    const input = run.value(this.parent);
    if (input === INACTIVE) return INACTIVE;
    const output = new Array<U>(input.length);
    for (let i = 0; i < input.length; i++) output[i] = this.fn(input[i]!);
    return output;
  }
}
