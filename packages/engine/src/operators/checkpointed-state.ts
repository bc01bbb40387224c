// A job's own state in the engine's checkpoints: state the job keeps outside the operators (names
// seen, recent results) is captured with the operators' after the same batch and restored with them.
import { type BatchRun, type Graph, INACTIVE, Node, type Out } from '../graph/node.js';

export interface CheckpointedState {
  /** A structured-cloneable copy of the state, taken synchronously after a batch. */
  snapshot(): unknown;
  /** Puts back what `snapshot` returned, before the context starts. */
  restore(data: unknown): void;
}

export class CheckpointedStateNode extends Node<never> {
  readonly kind: string;

  constructor(
    graph: Graph,
    name: string,
    private readonly state: CheckpointedState,
  ) {
    super(graph, []);
    // The name is part of the graph's fingerprint: a checkpoint of other state is refused.
    this.kind = `state:${name}`;
  }

  compute(_run: BatchRun): Out<never> {
    return INACTIVE;
  }

  override snapshot(): unknown {
    return this.state.snapshot();
  }

  override restore(data: unknown): void {
    this.state.restore(data);
  }
}
