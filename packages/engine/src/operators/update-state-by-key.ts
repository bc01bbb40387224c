// updateStateByKey: a state per key, updated every batch from the key's new values (as Spark does:
// the function runs for every key with state, with no values when the batch had none for it).
import { type BatchRun, type Graph, INACTIVE, Node, type Out } from '../graph/node.js';

export type UpdateStateFn<K, V, S> = (values: readonly V[], state: S | undefined, key: K) => S | undefined;

export class UpdateStateByKeyNode<K, V, S> extends Node<readonly [K, S][]> {
  readonly kind = 'updateStateByKey';
  private state = new Map<K, S>();

  constructor(
    graph: Graph,
    private readonly parent: Node<readonly (readonly [K, V])[]>,
    private readonly update: UpdateStateFn<K, V, S>,
  ) {
    super(graph, [parent]);
  }

  compute(run: BatchRun): Out<readonly [K, S][]> {
    const input = run.value(this.parent);
    if (input === INACTIVE) return INACTIVE;
    const grouped = new Map<K, V[]>();
    for (const [key, value] of input) {
      const values = grouped.get(key);
      if (values) values.push(value);
      else grouped.set(key, [value]);
    }
    const next = new Map<K, S>();
    const apply = (key: K, values: readonly V[], previous: S | undefined): void => {
      const updated = this.update(values, previous, key);
      if (updated !== undefined) next.set(key, updated);
    };
    for (const [key, previous] of this.state) apply(key, grouped.get(key) ?? [], previous);
    for (const [key, values] of grouped) if (!this.state.has(key)) apply(key, values, undefined);
    this.state = next;
    return [...next];
  }

  override snapshot(): unknown {
    return [...this.state];
  }

  override restore(data: unknown): void {
    this.state = new Map(data as Array<[K, S]>);
  }
}
