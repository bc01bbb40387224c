// Parallel map-side stages: the batch is cut into fixed-size chunks (independent of the pool size),
// each chunk runs every stage in a worker, and results are joined in chunk order on the main thread,
// so one worker and N workers give exactly the same records in the same order.
import { type BatchRun, type Graph, INACTIVE, Node, type Out } from '../graph/node.js';
import type { WorkerPool } from '../pool/worker-pool.js';
import type { Stage } from '../pool/task.js';

export interface PoolHost {
  pool(): WorkerPool;
  readonly taskChunkSize: number;
}

function chunks<T>(records: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < records.length; i += size) out.push(records.slice(i, i + size));
  return out;
}

export class ParallelNode<T, U> extends Node<readonly U[]> {
  readonly kind: string;

  constructor(
    graph: Graph,
    /** The stream the stages read: chained parallel stages fuse into one node on the same input. */
    readonly input: Node<readonly T[]>,
    readonly stages: readonly Stage[],
    private readonly host: PoolHost,
  ) {
    super(graph, [input]);
    this.kind = `parallel[${stages.map((s) => `${s.kind}:${s.export}`).join(',')}]`;
  }

  async compute(run: BatchRun): Promise<Out<readonly U[]>> {
    const records = run.value(this.input);
    if (records === INACTIVE) return INACTIVE;
    if (records.length === 0) return [];
    const pool = this.host.pool();
    const results = await Promise.all(
      chunks(records, this.host.taskChunkSize).map((chunk) => pool.run([...this.stages], 'none', chunk)),
    );
    const output: U[] = [];
    for (const result of results) for (const value of result as U[]) output.push(value);
    return output;
  }
}

/** countByValue fused into the parallel stages: workers count, the main thread merges counts. */
export class ParallelCountMapNode<T, U> extends Node<ReadonlyMap<U, number>> {
  readonly kind: string;
  private readonly input: Node<readonly T[]>;
  private readonly stages: readonly Stage[];

  constructor(
    graph: Graph,
    stagesOf: ParallelNode<T, U>,
    private readonly host: PoolHost,
  ) {
    super(graph, [stagesOf.input]);
    this.input = stagesOf.input;
    this.stages = stagesOf.stages;
    this.kind = `${stagesOf.kind}+countByValue`;
  }

  async compute(run: BatchRun): Promise<Out<ReadonlyMap<U, number>>> {
    const records = run.value(this.input);
    if (records === INACTIVE) return INACTIVE;
    const counts = new Map<U, number>();
    if (records.length === 0) return counts;
    const pool = this.host.pool();
    const results = await Promise.all(
      chunks(records, this.host.taskChunkSize).map((chunk) => pool.run([...this.stages], 'count', chunk)),
    );
    // Merged in chunk order: keys keep the order in which a single worker would have met them.
    for (const result of results) {
      const [keys, values] = result as [U[], number[]];
      for (let i = 0; i < keys.length; i++) counts.set(keys[i]!, (counts.get(keys[i]!) ?? 0) + values[i]!);
    }
    return counts;
  }
}
