// ROLE=web: the dashboard runtime of a cluster's web node. Its windows come from the merged
// stream (merged-session.ts), which the node itself writes while it holds the merge lease
// (merger.ts); window changes go through Redis so every web node applies them at the same batch.
// The source runs on the ingest node: its status is read from Redis, and replay and live controls
// reach it through Redis (source-controls.ts). A source started from any dashboard begins a new run:
// every web node then plays the new run's merged stream in a fresh engine session, as one process
// opens a new session for a new source, and its dashboards are reset.
import { EventEmitter } from 'node:events';
import type { BatchInfo, HistoryTierStats } from '@hashpulse/engine';
import {
  ClusterIngestStatusSchema,
  windowConfigViolations,
  type BatchMetrics,
  type ClusterIngestStatus,
  type ClusterStatus,
  type DataFile,
  type FeedTweet,
  type HashtagDetail,
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
  idleStatus,
  RequestRefusedError,
  type DashboardRuntime,
  type ReplayStart,
  type RuntimeEvents,
  type RuntimeLog,
} from '../runtime/dashboard-runtime.js';
import { ClusterKeys } from './cluster-keys.js';
import { closeRedis, connectClusterRedis } from './cluster-redis.js';
import { readRun } from './cluster-run.js';
import { withScripts, type ScriptedRedis } from './lua-scripts.js';
import { MergedSession } from './merged-session.js';
import { Merger } from './merger.js';
import { publicConfigOf } from '../runtime/public-config.js';
import { SourceControls } from './source-controls.js';

const METRICS_KEPT = 300;
const FEED_KEPT = 50;
const STATUS_POLL_MS = 1000;

export interface ClusterWebRuntimeOptions {
  config: ServerConfig;
  profiles: ProfileStore;
  version: string;
  /** Extra CA certificates the rules client trusts (tests run a local X API with their own CA). */
  liveCa?: string;
}

export class ClusterWebRuntime implements DashboardRuntime {
  readonly events = new EventEmitter<RuntimeEvents>();
  private readonly cluster: ClusterConfig;
  /** The cluster-wide keys (each run's are `keys.forRun(run)`). */
  private readonly keys: ClusterKeys;
  /** The run whose merged stream this node plays. */
  private run = 0;
  /** Moves to a new run one at a time. */
  private switching: Promise<void> = Promise.resolve();
  private controls!: SourceControls;
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
  private polling: Promise<void> | null = null;
  /** The ingest node's status as last read. */
  private ingest: ClusterIngestStatus | null = null;

  constructor(private readonly options: ClusterWebRuntimeOptions) {
    this.cluster = options.config.cluster as ClusterConfig;
    this.keys = new ClusterKeys(this.cluster.prefix, this.cluster.partitions);
    this.window = options.config.window;
    this.status = { ...idleStatus(), message: 'waiting for the ingest node' };
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
    this.controls = new SourceControls(this.redis, this.keys, this.options, {
      poll: async () => {
        await this.pollStatus();
        return this.ingest;
      },
      status: () => this.status,
      followRun: (run) => this.followRun(run),
    });
    // A node that starts mid-run plays the run there is.
    this.run = await readRun(this.redis, this.keys);
    this.session = this.openSession(this.run);
    await this.session.start();
    this.merger.start();
    this.statusTimer = setInterval(() => void this.pollStatus(), STATUS_POLL_MS);
    this.statusTimer.unref();
    await this.pollStatus();
  }

  publicConfig(): PublicConfig {
    const { config, profiles, version } = this.options;
    return publicConfigOf(config, profiles, this.window, version, config.xBearerToken !== null);
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

  startReplay(request: ReplayStart): Promise<SourceStatus> {
    return this.controls.start(request);
  }
  pauseReplay(): Promise<SourceStatus> {
    return this.controls.pause();
  }
  resumeReplay(): Promise<SourceStatus> {
    return this.controls.resume();
  }
  /** The last replay again from its start, in a new run (after Stop too). */
  restartReplay(): Promise<SourceStatus> {
    return this.controls.restart();
  }
  setReplaySpeed(speed: ReplaySpeed): Promise<SourceStatus> {
    return this.controls.setSpeed(speed);
  }
  stopSource(): Promise<SourceStatus> {
    return this.controls.stop();
  }
  startLive(stream: 'filtered' | 'sample'): Promise<SourceStatus> {
    return this.controls.startLive(stream);
  }
  listRules(): Promise<StreamRule[]> {
    return this.controls.listRules();
  }
  addRule(value: string, tag?: string): Promise<StreamRule> {
    return this.controls.addRule(value, tag);
  }
  deleteRule(id: string): Promise<void> {
    return this.controls.deleteRule(id);
  }

  /**
   * The engine session of one run: the run's merged stream into the job's windows. Only the
   * current session's updates reach the dashboards (one stopping may still finish a batch).
   */
  private openSession(run: number): MergedSession {
    const log = (level: RuntimeLog['level'], message: string) => this.log(level, message);
    const current = () => this.session === session;
    const session: MergedSession = new MergedSession(
      this.reader,
      this.keys.forRun(run),
      this.window,
      this.options.profiles,
      { onBatchCompleted: (info) => current() && this.onBatch(info) },
      log,
    );
    session.on('batch', ({ time, tweets, missing }) => {
      if (!current()) return;
      if (tweets > 0) this.batchTweets.set(time, tweets);
      if (missing.length > 0) this.incomplete++;
    });
    session.on('window', (window) => {
      if (!current()) return;
      this.window = window;
      this.events.emit('config', this.publicConfig());
    });
    session.job.on('window', (update) => current() && this.events.emit('window', update));
    session.job.on('tweets', (tweets) => {
      if (!current()) return;
      this.feed = [...this.feed, ...tweets].slice(-FEED_KEPT);
      this.events.emit('tweets', tweets);
    });
    session.job.on('unjoined', (count) => current() && (this.unjoined += count));
    return session;
  }

  /**
   * Moves to a newer run: a fresh engine session on its merged stream, and every dashboard of
   * this node reset (a new snapshot), as one process does for a new source. Runs only grow: an
   * older number (read before the switch, or from a Redis that lost its data) is ignored.
   */
  private followRun(run: number): Promise<void> {
    this.switching = this.switching.then(async () => {
      if (run <= this.run) return;
      const old = this.session;
      this.run = run;
      this.session = this.openSession(run);
      await old.stop();
      this.metrics = [];
      this.feed = [];
      this.incomplete = 0;
      this.batchTweets.clear();
      this.events.emit('reset');
      await this.session.start();
      this.log('info', `web: playing run ${run}`);
    });
    return this.switching;
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

  /** Reads the cluster's status; a caller that comes while a read is in progress waits for that one. */
  private pollStatus(): Promise<void> {
    // One poll at a time: during an outage a poll waits for Redis, and they must not pile up.
    this.polling ??= this.readStatus().finally(() => (this.polling = null));
    return this.polling;
  }

  private async readStatus(): Promise<void> {
    try {
      // The ingest's status before the run (one connection keeps the order): a status of a new
      // run is never taken with the number of the run before it.
      const [ingest, run] = await Promise.all([
        this.redis.get(this.keys.ingestStatus),
        readRun(this.redis, this.keys),
      ]);
      const keys = this.keys.forRun(Math.max(run, this.run));
      const [workers, ...progress] = await Promise.all([
        this.redis.zcount(this.keys.workers, Date.now() - this.cluster.leaseMs, '+inf'),
        ...Array.from({ length: this.cluster.partitions }, (_, p) => this.redis.hgetall(keys.progress(p))),
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
        incompleteBatches: run > this.run ? 0 : this.incomplete,
        droppedEntries: sum('dropped'),
        lateRecords: sum('late'),
        rejectedEntries: sum('rejected'),
      };
      const parsed = ingest === null ? null : ClusterIngestStatusSchema.safeParse(JSON.parse(ingest));
      this.ingest = parsed?.success ? parsed.data : this.ingest;
      // The run and the last answer are for the web nodes, not the dashboards.
      const source: SourceStatus = this.ingest === null ? this.status : dashboardPart(this.ingest);
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
      // After the status: the dashboards' fresh snapshot shows the new run's source.
      await this.followRun(run);
    } catch (error) {
      this.log('warn', `web: cannot read the cluster status: ${(error as Error).message}`);
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

/** The ingest's status without what is for the web nodes only (its run, its last answer). */
function dashboardPart({ run: _run, answer: _answer, ...status }: ClusterIngestStatus): SourceStatus {
  return status;
}
