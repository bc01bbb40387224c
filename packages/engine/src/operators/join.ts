// The stream-static join: each batch's distinct keys are looked up in a table at once (an
// in-memory Map, or a function that queries a store per batch), then joined with the records.
import { type BatchRun, type Graph, INACTIVE, Node, type Out } from '../graph/node.js';

/** A static table: a Map, or a lookup called once per batch with the batch's distinct keys. */
export type StaticTable<K, W> =
  | ReadonlyMap<K, W>
  | ((keys: readonly K[], batchTime: number) => ReadonlyMap<K, W> | Promise<ReadonlyMap<K, W>>);

export class JoinNode<K, V, W, Outer extends boolean> extends Node<
  readonly [K, [V, Outer extends true ? W | undefined : W]][]
> {
  readonly kind: string;

  constructor(
    graph: Graph,
    private readonly parent: Node<readonly (readonly [K, V])[]>,
    private readonly table: StaticTable<K, W>,
    private readonly outer: Outer,
  ) {
    super(graph, [parent]);
    this.kind = outer ? 'leftOuterJoin' : 'join';
  }

  async compute(run: BatchRun): Promise<Out<readonly [K, [V, Outer extends true ? W | undefined : W]][]>> {
    const input = run.value(this.parent);
    if (input === INACTIVE) return INACTIVE;
    let table: ReadonlyMap<K, W>;
    if (typeof this.table === 'function') {
      const keys = [...new Set(input.map(([key]) => key))];
      table = keys.length === 0 ? new Map() : await this.table(keys, run.time);
      if (!(table instanceof Map))
        throw new TypeError('a join lookup must return a Map of the keys it found');
    } else {
      table = this.table;
    }
    type Row = [K, [V, Outer extends true ? W | undefined : W]];
    const output: Row[] = [];
    for (const [key, value] of input) {
      const match = table.get(key);
      if (match === undefined && !table.has(key)) {
        if (this.outer) output.push([key, [value, undefined]] as Row);
      } else {
        output.push([key, [value, match as W]] as Row);
      }
    }
    return output;
  }
}
