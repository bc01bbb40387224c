// union: the records of several streams, in the order the streams were given.
import { type BatchRun, type Graph, INACTIVE, Node, type Out } from '../graph/node.js';

export class UnionNode<T> extends Node<readonly T[]> {
  readonly kind = 'union';

  constructor(graph: Graph, inputs: readonly Node<readonly T[]>[]) {
    super(graph, inputs);
  }

  compute(run: BatchRun): Out<readonly T[]> {
    let output: T[] | undefined;
    for (const parent of this.parents as readonly Node<readonly T[]>[]) {
      const input = run.value(parent);
      if (input === INACTIVE) continue;
      output ??= [];
      for (const value of input) output.push(value);
    }
    return output ?? INACTIVE;
  }
}
