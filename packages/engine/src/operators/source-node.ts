// The records a source delivered for the batch.
import { type BatchRun, type Graph, Node } from '../graph/node.js';

export class SourceNode<T> extends Node<readonly T[]> {
  readonly kind = 'source';

  constructor(
    graph: Graph,
    readonly sourceIndex: number,
    readonly sourceName: string,
  ) {
    super(graph, []);
  }

  compute(run: BatchRun): readonly T[] {
    return run.sourceRecords(this.sourceIndex) as readonly T[];
  }

  override label(): string {
    return `source "${this.sourceName}"`;
  }
}
