// The values of one batch's graph computation, indexed by node id.
import { type BatchRun, INACTIVE, type Node, type Out } from '../graph/node.js';

export class GraphBatchRun implements BatchRun {
  private readonly values: unknown[];
  private readonly computed: boolean[];

  constructor(
    readonly time: number,
    private readonly records: readonly (readonly unknown[])[],
    nodeCount: number,
  ) {
    this.values = new Array(nodeCount);
    this.computed = new Array<boolean>(nodeCount).fill(false);
  }

  value<V>(node: Node<V>): Out<V> {
    if (!this.computed[node.id]) {
      throw new Error(`internal: ${node.label()} read before it was computed for batch ${this.time}`);
    }
    return this.values[node.id] as Out<V>;
  }

  set(node: Node<unknown>, value: unknown): void {
    this.values[node.id] = value;
    this.computed[node.id] = true;
  }

  sourceRecords(index: number): readonly unknown[] {
    return this.records[index] ?? [];
  }

  isActive(node: Node<unknown>): boolean {
    return this.computed[node.id] === true && this.values[node.id] !== INACTIVE;
  }
}
