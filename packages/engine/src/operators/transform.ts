// transform: an arbitrary batch-to-batch function (may be async, e.g. a lookup per batch).
import { type BatchRun, type Graph, INACTIVE, Node, type Out } from '../graph/node.js';

export type TransformFn<T, U> = (
  records: readonly T[],
  batchTime: number,
) => readonly U[] | Promise<readonly U[]>;

export class TransformNode<T, U> extends Node<readonly U[]> {
  readonly kind = 'transform';

  constructor(
    graph: Graph,
    private readonly parent: Node<readonly T[]>,
    private readonly fn: TransformFn<T, U>,
  ) {
    super(graph, [parent]);
  }

  async compute(run: BatchRun): Promise<Out<readonly U[]>> {
    const input = run.value(this.parent);
    if (input === INACTIVE) return INACTIVE;
    const output = await this.fn(input, run.time);
    if (!Array.isArray(output)) {
      throw new TypeError(`transform must return an array of records (got ${typeof output})`);
    }
    return output;
  }
}
