// ROLE=worker: a member of the cluster's consumer group. It owns some partitions (a lease per
// partition, shared out evenly among the live workers), takes over the entries a dead owner left
// pending (XAUTOCLAIM once its lease ran out), analyses each closed batch with the job's own code
// and publishes the batch's partial aggregates, watermark and acknowledgements in one script.
// When the cluster begins a new run (a replay started from a dashboard), it hands the old run's
// partitions back and works on the new run's.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ClusterConfig, ServerConfig } from '../config/server-config.js';
import { analyseBatch } from '../job/analyse.js';
import { buildPartial } from '../job/batch-partial.js';
import { createProfileStore, type ProfileStore } from '../profiles/index.js';
import { ClusterKeys } from './cluster-keys.js';
import { readRun } from './cluster-run.js';
import { closeRedis, connectClusterRedis } from './cluster-redis.js';
import { scriptedPipeline, withScripts, type ScriptedRedis } from './lua-scripts.js';
import { PartitionBatcher, type Flush } from './partition-batcher.js';
import type { RoleLog } from './role-log.js';
import { decodeEntry, type RawEntries } from './stream-entry.js';

/** Partials live this long unmerged (a merger down for a day loses them: the windows show the gap). */
const PARTIAL_TTL_MS = 24 * 3600_000;
const READ_COUNT = 1000;
const READ_BLOCK_MS = 500;

export interface WorkerNodeOptions {
  /** The consumer name (default: host, pid and a random part). */
  id?: string;
}

interface Publish {
  partition: number;
  owned: Owned;
  flush: Flush;
  partialJson: string;
}

interface Owned {
  batcher: PartitionBatcher;
  /** Lost its lease (another worker owns it now): dropped at the next turn of the loop. */
  lost: boolean;
}

export class WorkerNode {
  readonly id: string;
  /** The keys of the run this worker works on. */
  private keys: ClusterKeys;
  /** A newer run the heartbeat found: the loop moves to it at its next turn. */
  private nextRun: number | null = null;
  private readonly owned = new Map<number, Owned>();
  private running = true;
  private loop: Promise<void> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  /** Batches published and tweets analysed by this worker. */
  published = 0;
  analysed = 0;

  private constructor(
    private readonly config: ServerConfig,
    private readonly cluster: ClusterConfig,
    private readonly redis: ScriptedRedis,
    private readonly reader: Redis,
    private readonly profiles: ProfileStore,
    private readonly log: RoleLog,
    options: WorkerNodeOptions,
  ) {
    this.id = options.id ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.keys = new ClusterKeys(cluster.prefix, cluster.partitions);
  }

  static async start(
    config: ServerConfig,
    log: RoleLog,
    options: WorkerNodeOptions = {},
  ): Promise<WorkerNode> {
    const cluster = config.cluster as ClusterConfig;
    const onHealth = (health: { state: string; message: string | null }) =>
      health.state === 'ok'
        ? log('info', 'Redis is back')
        : log('warn', health.message ?? 'Redis unavailable');
    const redis = withScripts(await connectClusterRedis(cluster.redisUrl, 'hashpulse-worker', { onHealth }));
    const reader = await connectClusterRedis(cluster.redisUrl, 'hashpulse-worker-read');
    const profiles = await createProfileStore(config.databaseUrl ?? config.profilesFile ?? undefined, {
      resilient: {},
    });
    const node = new WorkerNode(config, cluster, redis, reader, profiles, log, options);
    node.heartbeat = setInterval(() => void node.beat(), Math.max(100, cluster.leaseMs / 3));
    await node.beat();
    node.loop = node.run();
    log('info', `worker ${node.id}: joined (${cluster.partitions} partitions)`);
    return node;
  }

  /** The partitions this worker owns now. */
  partitions(): number[] {
    return [...this.owned.keys()].sort((a, b) => a - b);
  }

  async close(): Promise<void> {
    this.running = false;
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.loop;
    // Handed back at once: the next owner claims what is pending without waiting out the lease.
    await this.dropAll();
    await this.redis.zrem(this.keys.workers, this.id).catch(() => 0);
    await this.profiles.close();
    await closeRedis(this.reader);
    await closeRedis(this.redis);
  }

  /** Heartbeat and lease renewal, on a timer of its own so a long batch does not lose the leases. */
  private async beat(): Promise<void> {
    const now = Date.now();
    try {
      await this.redis
        .multi()
        .zadd(this.keys.workers, now, this.id)
        .zremrangebyscore(this.keys.workers, 0, now - this.cluster.leaseMs)
        .exec();
      const run = await readRun(this.redis, this.keys);
      // Runs only grow: a lower number is a Redis that lost its data (the ingest node sets it again).
      if (run > this.keys.run) this.nextRun = run;
      for (const [partition, owned] of this.owned) {
        const held = await this.redis.hpRenew(this.keys.owner(partition), this.id, this.cluster.leaseMs);
        if (held === 0) owned.lost = true;
      }
    } catch (error) {
      this.log('warn', `worker ${this.id}: heartbeat failed: ${(error as Error).message}`);
    }
  }

  private async run(): Promise<void> {
    let backoff = 100;
    while (this.running) {
      try {
        await this.followRun();
        await this.balance();
        const read = await this.readNew();
        if (!read) await sleep(Math.min(READ_BLOCK_MS, this.cluster.leaseMs / 3));
        backoff = 100;
      } catch (error) {
        if (!this.running) break;
        this.log('error', `worker ${this.id}: ${(error as Error).message}; its partitions are handed back`);
        await this.dropAll();
        await sleep(backoff);
        backoff = Math.min(5000, backoff * 2);
      }
    }
  }

  /**
   * Moves to the run the cluster plays now. What this worker read of the old run and did not
   * publish is left behind: the old run is over, its keys expire.
   */
  private async followRun(): Promise<void> {
    const run = this.nextRun;
    if (run === null) return;
    this.nextRun = null;
    await this.dropAll();
    this.keys = this.keys.forRun(run);
    this.log('info', `worker ${this.id}: moved to run ${run}`);
  }

  /** Takes partitions up to an even share of the live workers' and hands back any above it. */
  private async balance(): Promise<void> {
    for (const [partition, owned] of this.owned) {
      if (!owned.lost) continue;
      this.owned.delete(partition);
      this.log(
        'warn',
        `worker ${this.id}: lost partition ${partition} (its lease ran out); another worker has it`,
      );
    }
    const alive = Math.max(
      1,
      await this.redis.zcount(this.keys.workers, Date.now() - this.cluster.leaseMs, '+inf'),
    );
    const share = Math.ceil(this.cluster.partitions / alive);
    // Handed back as they are: what this worker read and did not acknowledge stays pending, and
    // the next owner claims it (its partial is then built again from the same entries).
    for (const partition of this.owned.keys()) {
      if (this.owned.size <= share) break;
      await this.redis.hpRelease(this.keys.owner(partition), this.id);
      this.owned.delete(partition);
    }
    if (this.owned.size >= share) return;
    const start = Math.abs(hashOf(this.id)) % this.cluster.partitions;
    for (let i = 0; i < this.cluster.partitions && this.owned.size < share; i++) {
      const partition = (start + i) % this.cluster.partitions;
      if (this.owned.has(partition)) continue;
      const taken = await this.redis.set(
        this.keys.owner(partition),
        this.id,
        'PX',
        this.cluster.leaseMs,
        'NX',
      );
      if (taken === 'OK') await this.take(partition);
    }
  }

  /**
   * A partition just taken: its progress, then the entries its previous owner read but did not
   * acknowledge (XAUTOCLAIM: any idle time will do, the lease we hold is the timeout that passed).
   */
  private async take(partition: number): Promise<void> {
    const stream = this.keys.records(partition);
    await this.redis.xgroup('CREATE', stream, this.keys.group, '0', 'MKSTREAM').catch((error: Error) => {
      if (!error.message.includes('BUSYGROUP')) throw error;
    });
    const progress = await this.redis.hgetall(this.keys.progress(partition));
    const batcher = new PartitionBatcher(this.config.window.batchIntervalMs, {
      wm: Number(progress.wm ?? Number.NEGATIVE_INFINITY),
      seq: Number(progress.seq ?? 0),
    });
    const owned: Owned = { batcher, lost: false };
    this.owned.set(partition, owned);
    let cursor = '0-0';
    let claimed = 0;
    do {
      const reply = (await this.redis.xautoclaim(
        stream,
        this.keys.group,
        this.id,
        0,
        cursor,
        'COUNT',
        READ_COUNT,
      )) as [string, RawEntries, string[]];
      cursor = reply[0];
      claimed += reply[1].length;
      await this.publishAll(await this.handle(partition, owned, reply[1]));
    } while (cursor !== '0-0' && this.running && !owned.lost);
    this.log(
      'info',
      `worker ${this.id}: took partition ${partition}${claimed > 0 ? `, claimed ${claimed} pending entries` : ''}`,
    );
  }

  /** New entries of every owned partition; false when there was nothing to read. */
  private async readNew(): Promise<boolean> {
    const partitions = this.partitions().filter((p) => !this.owned.get(p)!.batcher.ended);
    if (partitions.length === 0) return false;
    const reply = (await this.reader.xreadgroup(
      'GROUP',
      this.keys.group,
      this.id,
      'COUNT',
      READ_COUNT,
      'BLOCK',
      READ_BLOCK_MS,
      'STREAMS',
      ...partitions.map((p) => this.keys.records(p)),
      ...partitions.map(() => '>'),
    )) as Array<[string, RawEntries]> | null;
    if (reply === null) return true;
    const publishes: Publish[] = [];
    for (const [stream, entries] of reply) {
      const partition = partitions[partitions.findIndex((p) => this.keys.records(p) === stream)]!;
      const owned = this.owned.get(partition);
      if (owned !== undefined) publishes.push(...(await this.handle(partition, owned, entries)));
    }
    await this.publishAll(publishes);
    return true;
  }

  /**
   * Cuts a partition's entries into flushes and analyses each closed batch, in stream order; the
   * flushes are published together afterwards (one round trip for a whole read).
   */
  private async handle(partition: number, owned: Owned, entries: RawEntries): Promise<Publish[]> {
    const out: Publish[] = [];
    // Watermark-only flushes (time marks of batches without a tweet here) are published together.
    let progress: Flush | null = null;
    for (const [id, fields] of entries) {
      if (owned.lost) return out;
      // A pending entry trimmed from the stream (MAXLEN) comes back without fields: its number is
      // unknown here, the gap in the numbers counts it.
      if (fields === null) continue;
      const entry = decodeEntry(id, fields);
      // Into the store now: the batches closed after this entry look them up, as in one process.
      if (entry.kind === 'profiles') await this.profiles.add(entry.profiles);
      const flush = owned.batcher.handle(entry);
      if (flush === null) continue;
      if (flush.batch === null) {
        progress = progress === null ? flush : combine(progress, flush);
        continue;
      }
      if (progress !== null) out.push(await this.prepare(partition, owned, progress));
      progress = null;
      out.push(await this.prepare(partition, owned, flush));
    }
    if (progress !== null) out.push(await this.prepare(partition, owned, progress));
    return out;
  }

  private async prepare(partition: number, owned: Owned, flush: Flush): Promise<Publish> {
    let partialJson = '';
    if (flush.batch !== null) {
      let unjoined = 0;
      const analysed = await analyseBatch(
        flush.batch.tweets,
        this.profiles,
        (n) => (unjoined += n),
        this.config.sentiment,
      );
      partialJson = JSON.stringify(buildPartial(analysed, unjoined, flush.batch.positions));
      this.analysed += analysed.length;
    }
    for (const reason of flush.reasons)
      this.log('warn', `worker ${this.id}: partition ${partition}: entry rejected: ${reason}`);
    return { partition, owned, flush, partialJson };
  }

  /**
   * Each flush in its own fenced script (partial, watermark and acks at once), all in one pipeline,
   * in order; a partition whose lease was lost stops there (its later scripts refuse too).
   */
  private async publishAll(publishes: readonly Publish[]): Promise<void> {
    if (publishes.length === 0) return;
    const { keys } = this;
    const pipeline = scriptedPipeline(this.redis);
    for (const { partition, flush, partialJson } of publishes) {
      pipeline.hpPublish(
        keys.owner(partition),
        keys.partial(partition, flush.batch?.time ?? 0),
        keys.progress(partition),
        keys.records(partition),
        keys.batches(partition),
        this.id,
        partialJson,
        flush.wm,
        flush.seq,
        flush.dropped,
        flush.late,
        flush.rejected,
        keys.group,
        PARTIAL_TTL_MS,
        flush.batch?.time ?? 0,
        this.cluster.leaseMs,
        ...flush.ids,
      );
    }
    const results = (await pipeline.exec()) ?? [];
    for (const [i, { partition, owned, flush }] of publishes.entries()) {
      const [error, done] = results[i] ?? [new Error('no reply'), 0];
      if (error !== null) throw error;
      if (done !== 1) {
        owned.lost = true;
        continue;
      }
      if (flush.batch !== null) this.published++;
      if (flush.dropped > 0)
        this.log(
          'warn',
          `worker ${this.id}: partition ${partition}: ${flush.dropped} entries were trimmed (MAXLEN) before they were read`,
        );
    }
  }

  private async dropAll(): Promise<void> {
    for (const partition of this.owned.keys())
      await this.redis.hpRelease(this.keys.owner(partition), this.id).catch(() => 0);
    this.owned.clear();
  }
}

/** Two watermark-only flushes of one partition as one (the later one's position). */
function combine(a: Flush, b: Flush): Flush {
  return {
    batch: null,
    ids: [...a.ids, ...b.ids],
    wm: Math.max(a.wm, b.wm),
    seq: Math.max(a.seq, b.seq),
    dropped: a.dropped + b.dropped,
    late: a.late + b.late,
    rejected: a.rejected + b.rejected,
    reasons: [...a.reasons, ...b.reasons].slice(0, 3),
  };
}

function hashOf(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
