// ROLE=ingest: plays a source (the live X API stream with LIVE=, the demo, DEMO_FILES, or what a
// dashboard started) into the partition streams of the cluster's current run and keeps its status
// in Redis for the web nodes to show. A start, live or restart from any web node begins a new
// run; it neither analyses nor serves.
import { ReplayClock } from '@hashpulse/engine';
import type { ClusterIngestStatus, SourceStatus } from '@hashpulse/protocol';
import type { Redis } from 'ioredis';
import type { ClusterConfig, ServerConfig } from '../config/server-config.js';
import { createProfileStore, type ProfileStore } from '../profiles/index.js';
import { idleStatus, RequestRefusedError, type ReplayStart } from '../runtime/dashboard-runtime.js';
import { recordLive } from '../runtime/live-recording.js';
import { liveConnection } from '../runtime/live-rules.js';
import { LiveSource, ReplaySource, type LiveStream, type StreamRecorder } from '../sources/index.js';
import { ClusterKeys } from './cluster-keys.js';
import { closeRedis, connectClusterRedis } from './cluster-redis.js';
import { beginNextRun, expireRun, readRun } from './cluster-run.js';
import { followIngestControls, LIVE_NOT_CONTROLLED, type IngestCommands } from './ingest-commands.js';
import { StreamIngest } from './stream-ingest.js';
import type { RoleLog } from './role-log.js';

export interface IngestNode {
  /** The run the source plays into now. */
  readonly run: number;
  close(): Promise<void>;
}

/** Status writes at most this often (a replay reports progress up to 4 times a second). */
const STATUS_EVERY_MS = 500;
/** When every node has seen a new run (they look each second at least) and wrote its last to the old one. */
const OLD_RUN_SETTLED_MS = 10_000;
const STOPPED = 'stopped: the panels show the data as it was when it stopped';
interface Playing {
  source: ReplaySource | LiveSource;
  sink: StreamIngest;
  /** RECORD_DIR's recording of a live stream. */
  recorder: StreamRecorder | null;
}

export async function startIngestNode(config: ServerConfig, log: RoleLog): Promise<IngestNode> {
  const cluster = config.cluster as ClusterConfig;
  const redis = await connectClusterRedis(cluster.redisUrl, 'hashpulse-ingest', {
    onHealth: (health) =>
      health.state === 'ok'
        ? log('info', 'Redis is back: appending again')
        : log('warn', health.message ?? ''),
  });
  // The stream's own profiles (includes.users) reach every worker's lookups: through PostgreSQL
  // when there is one (shared by all), else sent to every partition for each worker's own store.
  const profiles: ProfileStore | null =
    config.databaseUrl === null ? null : await createProfileStore(config.databaseUrl, { resilient: {} });
  const base = new ClusterKeys(cluster.prefix, cluster.partitions);
  // A node that starts mid-run plays into the run there is.
  const node = new Ingest(config, redis, profiles, base.forRun(await readRun(redis, base)), log);
  // As one process: LIVE= with a token plays the live stream, before any demo.
  if (config.live !== 'off' && config.xBearerToken !== null) {
    await node.begin(node.prepareLive(config.live));
  } else if (config.demoFiles.length === 0) {
    log('warn', 'no DEMO_FILES to play: the ingest node waits for a replay started from a dashboard');
    node.writeStatus(
      { ...idleStatus(), message: 'the ingest node waits: start a replay from a dashboard' },
      true,
    );
  } else {
    const request = { files: config.demoFiles, speed: config.replaySpeed, loop: config.demoLoop };
    await node.begin(await node.prepare(request), request);
  }
  const controls = await connectClusterRedis(cluster.redisUrl, 'hashpulse-ingest-control');
  const following = followIngestControls(controls, base, node, log);
  return {
    get run() {
      return node.keys.run;
    },
    async close() {
      await following.stop();
      await closeRedis(controls);
      await node.close();
    },
  };
}

/** The source of the current run, and what the controls do to it. */
class Ingest implements IngestCommands {
  private playing: Playing | null = null;
  /** What Restart plays again: the last replay started (with the speed set since). */
  private lastReplay: ReplayStart | null = null;
  private lastWrite = 0;
  private status: SourceStatus | null = null;
  private answer: ClusterIngestStatus['answer'];
  private readonly statusTimer: ReturnType<typeof setInterval>;

  constructor(
    private readonly config: ServerConfig,
    private readonly redis: Redis,
    private readonly profiles: ProfileStore | null,
    /** The current run's keys. */
    public keys: ClusterKeys,
    private readonly log: RoleLog,
  ) {
    this.statusTimer = setInterval(() => {
      if (this.status !== null) this.writeStatus(this.status, true);
    }, STATUS_EVERY_MS * 2);
    this.statusTimer.unref();
  }

  /** Opens the files (a bad one throws here, while the current source still plays). */
  async prepare(request: ReplayStart): Promise<ReplaySource> {
    const { config } = this;
    const speed = request.speed;
    // The sink is made when the source starts (it needs the run's keys); a source at full speed
    // waits for it to take its appends.
    const flushed = () => this.playing?.sink.flushed() ?? Promise.resolve();
    const source = new ReplaySource({
      dataDir: config.dataDir,
      files: request.files,
      speed,
      loop: request.loop,
      gapMs: request.gap ?? config.replayGapMs,
      ...(speed === 'max' ? { drain: flushed, finish: flushed } : { clock: new ReplayClock({ speed }) }),
    });
    let logged = 0;
    source.on('problem', (problem) => {
      if (problem.kind === 'warning' || logged++ >= 10) return;
      this.log(
        'warn',
        `replay: ${problem.file ?? 'stream'} line ${problem.line}: ${problem.kind}: ${problem.message}`,
      );
    });
    try {
      await source.prepare();
    } catch (error) {
      await source.stop();
      throw error;
    }
    return source;
  }

  /** The live stream (refused, 409, without X_BEARER_TOKEN), to connect once it plays. */
  prepareLive(stream: LiveStream): LiveSource {
    const source = new LiveSource({ stream, ...liveConnection(this.config) });
    let logged = 0;
    source.on('problem', (problem) => {
      if (problem.kind === 'warning' || logged++ >= 10) return;
      this.log('warn', `live: ${problem.kind}: ${problem.message}`);
    });
    return source;
  }

  /** Plays a prepared source (a replay of `request`, or the live stream) into the current run's streams. */
  async begin(source: ReplaySource | LiveSource, request?: ReplayStart): Promise<void> {
    const { keys } = this;
    const live = source.kind === 'live';
    const sink: StreamIngest = new StreamIngest(this.redis, {
      keys,
      batchIntervalMs: this.config.window.batchIntervalMs,
      maxLen: this.config.cluster!.streamMaxLen,
      // A live stream has no position to resume from: its records are numbered as they come.
      offset: () => {
        if (source.kind === 'live') return `0:${sink.appended}`;
        const offset = source.offset() as { pass: number; position: number };
        return `${offset.pass}:${offset.position}`;
      },
      // Live tweets happen now: their event time is the wall clock, which marks the batches too.
      ...(live ? { wallClock: Date.now } : {}),
      onWarning: (message) => this.log('warn', message),
      onFailure: (error) => this.log('error', `the source failed: ${error.message}`),
    });
    await sink.init();
    const recorder =
      source.kind === 'live'
        ? recordLive(source, source.stream, this.config.recordDir, (error) => {
            this.log('error', `recording stopped: ${error.message}`);
            if (this.status !== null)
              this.writeStatus({ ...this.status, message: `recording stopped: ${error.message}` }, true);
          })
        : null;
    const playing: Playing = { source, sink, recorder };
    this.playing = playing;
    if (request !== undefined) this.lastReplay = request;
    const current = () => this.playing === playing;
    source.on('status', (status) => {
      // A live source reports its counts now and then: written at once only when its state changes.
      const force = live ? status.state !== this.status?.state : status.state !== 'running';
      if (current()) this.writeStatus(status, force);
    });
    source.on('profiles', (found) => {
      if (!current()) return;
      if (this.profiles === null) sink.profiles(found);
      else
        this.profiles
          .add(found)
          .catch((error: Error) => this.log('warn', `cannot store stream profiles: ${error.message}`));
    });
    void sink.done.then(() => {
      if (current()) this.log('info', `run ${keys.run}: the source ended; every entry is in Redis`);
    });
    await source.start(sink);
    if (source.kind === 'live') this.writeStatus(source.status(), true);
    const what =
      source.kind === 'live' ? `the live ${source.stream} stream` : (request?.files.join(', ') ?? '');
    this.log('info', `ingest: run ${keys.run}: playing ${what} into ${keys.partitions} partitions`);
  }

  pause(): void {
    this.source('pause').pause();
  }

  resume(): void {
    this.source('resume').resume();
  }

  setSpeed(speed: ReplayStart['speed']): void {
    this.source('speed').setSpeed(speed);
    if (this.lastReplay !== null) this.lastReplay = { ...this.lastReplay, speed };
  }

  /** A new run playing `request`: the files are opened first, so a bad one leaves the current run. */
  async start(request: ReplayStart): Promise<void> {
    await this.nextRun(await this.prepare(request), request);
  }

  /** A new run playing the live stream: refused without a token, leaving the current run. */
  async live(stream: LiveStream): Promise<void> {
    await this.nextRun(this.prepareLive(stream));
  }

  private async nextRun(source: ReplaySource | LiveSource, request?: ReplayStart): Promise<void> {
    await this.stopPlaying();
    // Taken at once: no status write names the old run after the new one is counted.
    this.keys = await beginNextRun(this.redis, this.keys);
    const old = this.keys.forRun(this.keys.run - 1);
    await expireRun(this.redis, old);
    // Once more when every worker has moved on: partials a worker published late get the short life too.
    setTimeout(() => void expireRun(this.redis, old).catch(() => undefined), OLD_RUN_SETTLED_MS).unref();
    await this.begin(source, request);
  }

  /** The last replay again, in a new run (its event time starts over, as a new session's does). */
  async restart(): Promise<void> {
    if (this.lastReplay === null) throw new RequestRefusedError('no replay to restart: start one first', 409);
    await this.start(this.lastReplay);
  }

  async stop(): Promise<void> {
    const before = this.status;
    await this.stopPlaying();
    // The stopped replay's counts and progress stay on show until the next source starts.
    this.writeStatus(
      {
        ...idleStatus(),
        ...(before === null
          ? {}
          : { kind: before.kind, replay: before.replay, live: before.live, ...pick(before) }),
        state: 'stopped',
        message: STOPPED,
      },
      true,
    );
  }

  answered(id: string, refused: RequestRefusedError | null): void {
    this.answer = {
      id,
      refused: refused === null ? null : { message: refused.message, statusCode: refused.statusCode },
    };
    if (this.status !== null) this.writeStatus(this.status, true);
    else this.writeStatus(idleStatus(), true);
  }

  writeStatus(status: SourceStatus, force = false): void {
    this.status = status;
    const now = Date.now();
    if (!force && now - this.lastWrite < STATUS_EVERY_MS) return;
    this.lastWrite = now;
    const stored: ClusterIngestStatus = {
      ...status,
      ...this.playing?.source.counts(),
      run: this.keys.run,
      ...(this.answer === undefined ? {} : { answer: this.answer }),
    };
    // The run with it: a Redis that lost its data (a restart without persistence) learns it again.
    void this.redis
      .pipeline()
      .set(this.keys.ingestStatus, JSON.stringify(stored))
      .set(this.keys.currentRun, this.keys.run)
      .exec()
      .catch(() => undefined);
  }

  async close(): Promise<void> {
    clearInterval(this.statusTimer);
    const playing = this.playing;
    playing?.sink.close();
    await playing?.source.stop();
    await playing?.sink.flushed();
    await playing?.recorder?.close().catch(() => undefined);
    if (this.status !== null)
      await this.redis
        .set(
          this.keys.ingestStatus,
          JSON.stringify({ ...this.status, ...playing?.source.counts(), run: this.keys.run }),
        )
        .catch(() => undefined);
    await this.profiles?.close();
    await closeRedis(this.redis);
  }

  /** The source stops and every entry it pushed is in Redis before anything else happens. */
  private async stopPlaying(): Promise<void> {
    const playing = this.playing;
    if (playing === null) return;
    this.playing = null;
    playing.sink.close();
    await playing.source.stop();
    await playing.sink.flushed();
    // A recording that failed was already reported when it failed; what was written stays.
    await playing.recorder?.close().catch(() => undefined);
  }

  private source(control: string): ReplaySource {
    const source = this.playing?.source;
    if (source === undefined) throw new RequestRefusedError(`no replay is playing to ${control}`, 409);
    if (source.kind === 'live') throw new RequestRefusedError(LIVE_NOT_CONTROLLED, 409);
    return source;
  }
}

function pick(status: SourceStatus) {
  return { rejected: status.rejected, skipped: status.skipped, dropped: status.dropped };
}
