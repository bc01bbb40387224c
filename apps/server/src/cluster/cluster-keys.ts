// Every Redis key a cluster uses, under its prefix. Keys of one partition share the hash tag
// `{p<N>}` (and the merge keys `{merge}`), so each Lua script touches one Redis Cluster slot.
// A replay started from a dashboard begins a new run (its event time starts over), and every key a
// run fills carries its number (`r<run>`, before the hash tag), so a new run never meets the old one's.

/** Watermark of a partition whose stream has ended: every batch is final. */
export const END_OF_STREAM = 8.64e15;

export class ClusterKeys {
  constructor(
    readonly prefix: string,
    readonly partitions: number,
    /** The run these keys are of (see `run`); the cluster-wide keys are the same for every run. */
    readonly run = 0,
  ) {}

  /** The same cluster's keys of another run. */
  forRun(run: number): ClusterKeys {
    return new ClusterKeys(this.prefix, this.partitions, run);
  }

  /** The number of the run the cluster plays now (absent: 0); the ingest node counts it up. */
  get currentRun(): string {
    return `${this.prefix}:{ctl}:run`;
  }

  private inRun(tag: string, name: string): string {
    return `${this.prefix}:r${this.run}:{${tag}}:${name}`;
  }

  /** The partition's stream of records and time marks. */
  records(partition: number): string {
    return this.inRun(`p${partition}`, 'records');
  }

  /** The worker that owns the partition now (a lease: a key with a time to live). */
  owner(partition: number): string {
    return this.inRun(`p${partition}`, 'owner');
  }

  /** Hash: wm (every record before it is published), seq (last entry handled), dropped, late, rejected. */
  progress(partition: number): string {
    return this.inRun(`p${partition}`, 'progress');
  }

  /** The partition's partial aggregates of one batch time. */
  partial(partition: number, batchTime: number): string {
    return this.inRun(`p${partition}`, `partial:${batchTime}`);
  }

  /** Sorted set of the batch times the partition published partials for. */
  batches(partition: number): string {
    return this.inRun(`p${partition}`, 'batches');
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
    return this.inRun('merge', 'state');
  }

  /** Stream of merged batches, clock ticks and window changes every web node plays. */
  get merged(): string {
    return this.inRun('merge', 'merged');
  }

  /**
   * The keys of this run named up front (not the partials, which are found through `batches`):
   * what is left to expire when the cluster moves on to the next run.
   */
  runKeys(): string[] {
    const keys = [this.mergeState, this.merged];
    for (let p = 0; p < this.partitions; p++)
      keys.push(this.records(p), this.owner(p), this.progress(p), this.batches(p));
    return keys;
  }

  /**
   * Stream of window changes from any web node, applied by the merging one. Shared by every run:
   * each run's merged stream starts with the changes made so far, so a run keeps the window.
   */
  get control(): string {
    return `${this.prefix}:{merge}:control`;
  }

  /** The ingest node's source status (JSON). */
  get ingestStatus(): string {
    return `${this.prefix}:{ingest}:status`;
  }

  /** Stream of replay controls (start, restart, stop, pause, resume, speed) from any web node, for the ingest node. */
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
