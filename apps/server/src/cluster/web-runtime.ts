// ROLE=web: the dashboard runtime of a cluster's web node. Its windows come from the merged
// stream (merged-session.ts), which the node itself writes while it holds the merge lease
// (merger.ts); window changes go through Redis so every web node applies them at the same batch.
// The source runs on the ingest node: its status is read from Redis.
import { EventEmitter } from 'node:events';
import type { BatchInfo, HistoryTierStats } from '@hashpulse/engine';
import {
  SourceStatusSchema,
  windowConfigViolations,
  type BatchMetrics,
  type ClusterStatus,
  type DataFile,
  type FeedTweet,
  type HashtagDetail,
  type IngestControl,
  type PublicConfig,
  type ReplaySpeed,
  type ServiceHealth,
  type Snapshot,
  type SourceStatus,
  type StreamRule,
  type WindowConfig,
} from '@hashpulse/protocol';
import type { Redis } from 'ioredis';
import type { ClusterConfig, ServerConfig } from '../config/server-config.js';
import { listDataFiles } from '../files/index.js';
import type { ProfileStore } from '../profiles/index.js';
import {
  RequestRefusedError,
  type DashboardRuntime,
  type RuntimeEvents,
  type RuntimeLog,
} from '../runtime/dashboard-runtime.js';
import { ClusterKeys } from './cluster-keys.js';
import { closeRedis, connectClusterRedis } from './cluster-redis.js';
import { withScripts, type ScriptedRedis } from './lua-scripts.js';
import { MergedSession } from './merged-session.js';
import { Merger } from './merger.js';
import { publicConfigOf } from '../runtime/public-config.js';

const METRICS_KEPT = 300;
const FEED_KEPT = 50;
const STATUS_POLL_MS = 1000;
const SOURCE_ON_INGEST =
  'in a cluster the source runs on the ingest node (ROLE=ingest): starting, stopping or restarting it and live control from a web node are not built yet (pause, resume and speed are)';
/** How long a replay control waits for the ingest node's status to show it applied. */
const CONTROL_WAIT_MS = 5000;

export interface ClusterWebRuntimeOptions {
  config: ServerConfig;
  profiles: ProfileStore;
  version: string;
}

export class ClusterWebRuntime implements DashboardRuntime {
  readonly events = new EventEmitter<RuntimeEvents>();
  private readonly cluster: ClusterConfig;
  private readonly keys: ClusterKeys;
  private redis!: ScriptedRedis;
  private reader!: Redis;
  private merger!: Merger;
  private session!: MergedSession;
  private window: WindowConfig;
  private metrics: BatchMetrics[] = [];
  private feed: FeedTweet[] = [];
  private status: SourceStatus;
  private redisHealth: ServiceHealth = { state: 'ok', message: null, since: null, nextRetryAt: null };
  private unjoined = 0;
  private incomplete = 0;
  private batchTweets = new Map<number, number>();
  private statusTimer: ReturnType<typeof setInterval> | null = null;
  private polling = false;

  constructor(private readonly options: ClusterWebRuntimeOptions) {
    this.cluster = options.config.cluster as ClusterConfig;
    this.keys = new ClusterKeys(this.cluster.prefix, this.cluster.partitions);
    this.window = options.config.window;
    this.status = {
      kind: 'none',
      state: 'idle',
      message: 'waiting for the ingest node',
      replay: null,
      live: null,
      rejected: 0,
      skipped: 0,
      dropped: 0,
      updatedAt: Date.now(),
    };
  }

  /** Connects, joins the merge-lease race and plays the merged stream from its start. */
  async startDefaultSource(): Promise<void> {
    const onHealth = (health: ServiceHealth) => this.reportRedis(health);
    this.redis = withScripts(await connectClusterRedis(this.cluster.redisUrl, 'hashpulse-web', { onHealth }));
    this.reader = await connectClusterRedis(this.cluster.redisUrl, 'hashpulse-web-read');
    const log = (level: RuntimeLog['level'], message: string) => this.log(level, message);
    this.merger = new Merger(this.redis, {
      keys: this.keys,
      leaseMs: this.cluster.leaseMs,
      mergeWaitMs: this.cluster.mergeWaitMs,
      log,
    });
    this.session = new MergedSession(
      this.reader,
      this.keys,
      this.window,
      this.options.profiles,
      { onBatchCompleted: (info) => this.onBatch(info) },
      log,
    );
    this.session.on('batch', ({ time, tweets, missing }) => {
      if (tweets > 0) this.batchTweets.set(time, tweets);
      if (missing.length > 0) this.incomplete++;
    });
    this.session.on('window', (window) => {
      this.window = window;
      this.events.emit('config', this.publicConfig());
    });
    this.session.job.on('window', (update) => this.events.emit('window', update));
    this.session.job.on('tweets', (tweets) => {
      this.feed = [...this.feed, ...tweets].slice(-FEED_KEPT);
      this.events.emit('tweets', tweets);
    });
    this.session.job.on('unjoined', (count) => (this.unjoined += count));
    await this.session.start();
    this.merger.start();
    this.statusTimer = setInterval(() => void this.pollStatus(), STATUS_POLL_MS);
    this.statusTimer.unref();
    await this.pollStatus();
  }

  publicConfig(): PublicConfig {
    const { config, profiles, version } = this.options;
    return publicConfigOf(config, profiles, this.window, version, false);
  }

  snapshot(): Snapshot {
    return {
      config: this.publicConfig(),
      windows: this.session?.job.recentWindows() ?? [],
      metrics: this.metrics.slice(),
      feed: this.feed.slice(),
      status: this.status,
    };
  }

  /** Sent to the merging web node through Redis; applied (and announced) when it comes back merged. */
  async setWindow(window: WindowConfig): Promise<void> {
    const problems = windowConfigViolations(window);
    if (problems.length > 0)
      throw new RequestRefusedError(`invalid window: ${problems.join('; ')}`, 400, problems);
    if (window.batchIntervalMs !== this.window.batchIntervalMs) {
      throw new RequestRefusedError(
        `in a cluster the batch interval is fixed at ${this.window.batchIntervalMs} ms (BATCH_INTERVAL of every node): the workers cut their batches by it`,
        409,
      );
    }
    await this.redis.xadd(
      this.keys.control,
      'MAXLEN',
      '~',
      1000,
      '*',
      'd',
      JSON.stringify({ kind: 'window', window }),
    );
  }

  historyStats(): HistoryTierStats[] {
    return this.session?.context.historyStats() ?? [];
  }

  hashtagDetail(key: string): HashtagDetail {
    return this.session.job.hashtagDetail(key);
  }

  listDataFiles(): Promise<DataFile[]> {
    return listDataFiles(this.options.config.dataDir);
  }

  startReplay(): Promise<SourceStatus> {
    return this.refuseSourceControl();
  }
  pauseReplay(): Promise<SourceStatus> {
    return this.controlIngest({ kind: 'pause' }, (status) => status.state === 'paused');
  }
  resumeReplay(): Promise<SourceStatus> {
    return this.controlIngest({ kind: 'resume' }, (status) => status.state !== 'paused');
  }
  restartReplay(): Promise<SourceStatus> {
    return this.refuseSourceControl();
  }
  setReplaySpeed(speed: ReplaySpeed): Promise<SourceStatus> {
    return this.controlIngest({ kind: 'speed', speed }, (status) => status.replay?.speed === speed);
  }
  stopSource(): Promise<SourceStatus> {
    return this.refuseSourceControl();
  }
  startLive(): Promise<SourceStatus> {
    return this.refuseSourceControl();
  }
  listRules(): Promise<StreamRule[]> {
    return this.refuseSourceControl();
  }
  addRule(): Promise<StreamRule> {
    return this.refuseSourceControl();
  }
  deleteRule(): Promise<void> {
    return this.refuseSourceControl();
  }

  /**
   * Sends a replay control to the ingest node through Redis and answers with the ingest's status
   * once it shows the control applied (or, after a few seconds, as it is: the log says why).
   */
  private async controlIngest(control: IngestControl, applied: (status: SourceStatus) => boolean) {
    if (this.status.kind !== 'replay')
      throw new RequestRefusedError('no replay is running on the ingest node', 409);
    await this.redis.xadd(this.keys.ingestControl, 'MAXLEN', '~', 1000, '*', 'd', JSON.stringify(control));
    const deadline = Date.now() + CONTROL_WAIT_MS;
    while (Date.now() < deadline) {
      await this.pollStatus();
      if (applied(this.status)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return this.status;
  }

  private refuseSourceControl(): Promise<never> {
    return Promise.reject(new RequestRefusedError(SOURCE_ON_INGEST, 409));
  }

  reportRedis(health: ServiceHealth | null): void {
    if (health === null) return;
    const before = this.redisHealth.state;
    this.redisHealth = health;
    if (before !== health.state) {
      if (health.state === 'unavailable') this.log('warn', health.message ?? 'Redis unavailable');
      else this.log('info', 'Redis is back: merging and playing the merged stream again');
    }
    // At once: the status poll itself waits for Redis.
    this.setStatus(this.status);
  }

  /** Whether this node merges now (tests and the status read it). */
  get merging(): boolean {
    return this.merger?.holdsLease ?? false;
  }

  async close(): Promise<void> {
    if (this.statusTimer) clearInterval(this.statusTimer);
    await this.merger?.close();
    await this.session?.stop();
    if (this.reader) await closeRedis(this.reader);
    if (this.redis) await closeRedis(this.redis);
    await this.options.profiles.close();
  }

  private async pollStatus(): Promise<void> {
    // One poll at a time: during an outage a poll waits for Redis, and they must not pile up.
    if (this.polling) return;
    this.polling = true;
    try {
      const [ingest, workers, ...progress] = await Promise.all([
        this.redis.get(this.keys.ingestStatus),
        this.redis.zcount(this.keys.workers, Date.now() - this.cluster.leaseMs, '+inf'),
        ...Array.from({ length: this.cluster.partitions }, (_, p) =>
          this.redis.hgetall(this.keys.progress(p)),
        ),
      ]);
      const sum = (field: string) =>
        (progress as Array<Record<string, string>>).reduce(
          (total, hash) => total + Number(hash[field] ?? 0),
          0,
        );
      const cluster: ClusterStatus = {
        partitions: this.cluster.partitions,
        workers: workers as number,
        merging: this.merging,
        incompleteBatches: this.incomplete,
        droppedEntries: sum('dropped'),
        lateRecords: sum('late'),
        rejectedEntries: sum('rejected'),
      };
      const parsed = ingest === null ? null : SourceStatusSchema.safeParse(JSON.parse(ingest as string));
      const source = parsed?.success ? parsed.data : this.status;
      const problems: string[] = [];
      if (cluster.incompleteBatches > 0)
        problems.push(
          `${cluster.incompleteBatches} batches merged incomplete (a partition did not report in time)`,
        );
      if (cluster.droppedEntries > 0)
        problems.push(
          `${cluster.droppedEntries} stream entries dropped before the workers read them (CLUSTER_STREAM_MAXLEN)`,
        );
      if (cluster.workers === 0) problems.push('no worker is running');
      this.setStatus({
        ...source,
        message: [source.message, ...problems].filter((m) => m !== null && m !== '').join('; ') || null,
        rejected: source.rejected + cluster.rejectedEntries,
        dropped: source.dropped + cluster.droppedEntries + cluster.lateRecords,
        cluster,
      });
    } catch (error) {
      this.log('warn', `web: cannot read the cluster status: ${(error as Error).message}`);
    } finally {
      this.polling = false;
    }
  }

  private setStatus(status: SourceStatus): void {
    this.status = {
      ...status,
      services: {
        profiles: null,
        redis: this.redisHealth,
        unjoined: this.unjoined,
      },
      updatedAt: Date.now(),
    };
    this.events.emit('status', this.status);
  }

  private onBatch(info: Readonly<BatchInfo>): void {
    if (info.error !== null) return;
    const metrics: BatchMetrics = {
      batchTime: info.batchTime,
      records: this.batchTweets.get(info.batchTime) ?? 0,
      schedulingDelayMs: info.schedulingDelayMs ?? 0,
      processingTimeMs: info.processingTimeMs ?? 0,
      totalDelayMs: info.totalDelayMs ?? 0,
      droppedRecords: info.droppedRecords,
    };
    this.batchTweets.delete(info.batchTime);
    this.metrics.push(metrics);
    if (this.metrics.length > METRICS_KEPT) this.metrics.shift();
    this.events.emit('metrics', metrics);
  }

  private log(level: RuntimeLog['level'], message: string): void {
    if (this.events.listenerCount('log') > 0) this.events.emit('log', { level, message });
    else console[level](`hashpulse web: ${message}`);
  }
}
