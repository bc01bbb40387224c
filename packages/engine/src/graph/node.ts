// The DStream graph: one node per operator, computed once per batch in creation order (which is
// a topological order, since a node can only refer to nodes created before it).
import { ContextStateError } from '../errors.js';

/** A node's value at a batch time when it has none (a windowed stream between slides). */
export const INACTIVE: unique symbol = Symbol('inactive');
export type Out<V> = V | typeof INACTIVE;

/** One batch being processed: its time and the values computed so far. */
export interface BatchRun {
  readonly time: number;
  /** The node's value at this batch; parents are always computed before their children. */
  value<V>(node: Node<V>): Out<V>;
  /** The records of source number `index` in this batch. */
  sourceRecords(index: number): readonly unknown[];
}

export abstract class Node<V> {
  readonly id: number;
  /** Names the operator in errors, metrics and the checkpoint's graph fingerprint. */
  abstract readonly kind: string;

  constructor(
    readonly graph: Graph,
    readonly parents: readonly Node<unknown>[],
  ) {
    for (const parent of parents) {
      if (parent.graph !== graph)
        throw new ContextStateError('cannot combine streams of different StreamingContexts');
    }
    this.id = graph.add(this);
  }

  abstract compute(run: BatchRun): Out<V> | Promise<Out<V>>;

  /** State to keep in checkpoints (window partials, keyed state); undefined when stateless. */
  snapshot?(): unknown;
  restore?(data: unknown): void;
  /** Called when the context stops (e.g. to release workers). */
  close?(): void | Promise<void>;

  label(): string {
    // Cached: the scheduler names every node in every batch's metrics.
    return (this.cachedLabel ??= `${this.kind} (operator #${this.id})`);
  }
  private cachedLabel: string | undefined;
}

/** Outputs are nodes too: they run, in creation order, for every batch where their parent is active. */
export abstract class OutputNode extends Node<void> {
  readonly isOutput = true;
}

export class Graph {
  readonly nodes: Node<unknown>[] = [];
  private frozenReason: string | undefined;

  add(node: Node<unknown>): number {
    if (this.frozenReason) throw new ContextStateError(this.frozenReason);
    this.nodes.push(node);
    return this.nodes.length - 1;
  }

  /** After start() the graph is fixed, like Spark's. */
  freeze(reason: string): void {
    this.frozenReason = reason;
  }

  /** Nodes that some output depends on, in computation order; the rest are never computed. */
  liveNodes(): Node<unknown>[] {
    const live = new Set<Node<unknown>>();
    const visit = (node: Node<unknown>): void => {
      if (live.has(node)) return;
      live.add(node);
      for (const parent of node.parents) visit(parent);
    };
    for (const node of this.nodes) if (node instanceof OutputNode) visit(node);
    return this.nodes.filter((node) => live.has(node));
  }

  /** Identifies the graph's shape, so a checkpoint is never restored into a different job. */
  fingerprint(): string {
    return this.nodes
      .map((node) => `${node.id}:${node.kind}(${node.parents.map((p) => p.id).join(',')})`)
      .join(' ');
  }
}
