// Every Redis key a cluster uses, under its prefix. Keys of one partition share the hash tag
// `{p<N>}` (and the merge keys `{merge}`), so each Lua script touches one Redis Cluster slot.

/** Watermark of a partition whose stream has ended: every batch is final. */
export const END_OF_STREAM = 8.64e15;

export class ClusterKeys {
  constructor(
    readonly prefix: string,
    readonly partitions: number,
  ) {}

  /** The partition's stream of records and time marks. */
  records(partition: number): string {
    return `${this.prefix}:{p${partition}}:records`;
  }

  /** The worker that owns the partition now (a lease: a key with a time to live). */
  owner(partition: number): string {
    return `${this.prefix}:{p${partition}}:owner`;
  }

  /** Hash: wm (every record before it is published), seq (last entry handled), dropped, late, rejected. */
  progress(partition: number): string {
    return `${this.prefix}:{p${partition}}:progress`;
  }

  /** The partition's partial aggregates of one batch time. */
  partial(partition: number, batchTime: number): string {
    return `${this.prefix}:{p${partition}}:partial:${batchTime}`;
  }

  /** Sorted set of the batch times the partition published partials for. */
  batches(partition: number): string {
    return `${this.prefix}:{p${partition}}:batches`;
  }

  /** The consumer group every worker is a member of (one per partition stream). */
  get group(): string {
    return `${this.prefix}-workers`;
  }

  /** Sorted set: worker id → last heartbeat (ms), to share the partitions among live workers. */
  get workers(): string {
    return `${this.prefix}:{workers}:alive`;
  }

  /** The merging web node's lease: holds its fencing token. */
  get mergeLease(): string {
    return `${this.prefix}:{merge}:lease`;
  }

  /** Counter handing out fencing tokens, one per lease taken. */
  get mergeFence(): string {
    return `${this.prefix}:{merge}:fence`;
  }

  /** Hash: the last batch time merged, the control entry applied last, counts of incomplete batches. */
  get mergeState(): string {
    return `${this.prefix}:{merge}:state`;
  }

  /** Stream of merged batches, clock ticks and window changes every web node plays. */
  get merged(): string {
    return `${this.prefix}:{merge}:merged`;
  }

  /** Stream of control actions from any web node, applied by the merging one. */
  get control(): string {
    return `${this.prefix}:{merge}:control`;
  }

  /** The ingest node's source status (JSON). */
  get ingestStatus(): string {
    return `${this.prefix}:{ingest}:status`;
  }

  /** Stream of replay controls (pause, resume, speed) from any web node, for the ingest node. */
  get ingestControl(): string {
    return `${this.prefix}:{ingest}:control`;
  }

  /** Every key of the cluster (tests clean up with it). */
  get pattern(): string {
    return `${this.prefix}:*`;
  }
}

/**
 * The partition of a tweet: FNV-1a over its id. Stable across processes and versions, so a
 * replayed tweet lands where it landed before.
 */
export function partitionOf(id: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}

/** The engine's batch of a record at `time`: the batch with time t holds [t − B, t). */
export function batchTimeOf(time: number, batchIntervalMs: number): number {
  return Math.floor(time / batchIntervalMs) * batchIntervalMs + batchIntervalMs;
}
