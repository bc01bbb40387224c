// Over 400 lines: it is the one seam the HTTP layer calls (DashboardRuntime), holding the source
// lifecycle under one control lock; the replay start/resume and service-health parts are the next to
// move into modules of their own (session-state.ts already holds the saved session).
// The running analytics behind the dashboard: which source plays (demo replay, chosen files, the
// live X API), the current window, the recent state a new dashboard receives at once, the health
// of the services behind it, and the saved session a restart resumes. A replay reads its files
// (prepares) outside the control lock, so Stop is never kept waiting.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type {
  BatchInfo,
  CheckpointedState,
  Clock,
  HistoryTierStats,
  ManualClock,
  ReplayClock,
} from '@hashpulse/engine';
import {
  windowConfigViolations,
  type BatchMetrics,
  type DataFile,
  type FeedTweet,
  type HashtagDetail,
  type PublicConfig,
  type SavedSession,
  type ServiceHealth,
  type ServicesStatus,
  type ReplaySpeed,
  type Snapshot,
  type SourceStatus,
  type StreamRule,
  type WindowConfig,
} from '@hashpulse/protocol';
import type { ServerConfig } from '../config/server-config.js';
import { listDataFiles, WrongFileKindError } from '../files/index.js';
import {
  MemoryProfileStore,
  ResilientProfileStore,
  type ProfileAvailability,
  type ProfileStore,
  type StreamProfilesSnapshot,
} from '../profiles/index.js';
import type { StreamRecorder } from '../sources/index.js';
import {
  DecodePool,
  LiveSource,
  ReplayConfigError,
  ReplayPreparationCancelledError,
  ReplaySource,
  StreamRules,
  type SourceCounts,
  type TweetSource,
} from '../sources/index.js';
import {
  idleStatus,
  RequestRefusedError,
  type DashboardRuntime,
  type ReplayStart,
  type RuntimeEvents,
  type RuntimeLog,
} from './dashboard-runtime.js';
import { CarriedProfiles } from '../job/carried-profiles.js';
import { Session, createClock } from './session.js';
import { SessionStateDir } from './session-state.js';
import { publicConfigOf } from './public-config.js';
import { addRule, deleteRule, listRules, liveConnection } from './live-rules.js';
import { recordLive } from './live-recording.js';
import { refuseNonRecordings } from './replay-files.js';

export interface AnalyticsRuntimeOptions {
  config: ServerConfig;
  profiles: ProfileStore;
  version: string;
  /** Extra CA certificates the live client trusts (tests run a local X API with their own CA). */
  liveCa?: string;
}

/** Problem lines logged one by one per replay; the rest are summed up. */
const PROBLEMS_LOGGED = 10;

const METRICS_KEPT = 300;
const FEED_KEPT = 50;
/** Checkpoints at least this far apart in wall time, whatever the replay speed. */
const CHECKPOINT_MIN_WALL_MS = 1000;
const PROFILES_UNAVAILABLE = 'profiles unavailable, retrying';
const REDIS_UNAVAILABLE = "Redis unavailable: serving this node's dashboards only, reconnecting";

type ActiveSource =
  /** `carried`: the profiles its records carried, waiting for their batches. */
  | { kind: 'replay'; source: ReplaySource; carried: CarriedProfiles }
  | { kind: 'live'; source: LiveSource; recorder: StreamRecorder | null };

export class AnalyticsRuntime implements DashboardRuntime {
  readonly events = new EventEmitter<RuntimeEvents>();
  private window: WindowConfig;
  private session: Session | null = null;
  private active: ActiveSource | null = null;
  private metrics: BatchMetrics[] = [];
  private feed: FeedTweet[] = [];
  private status: SourceStatus = idleStatus();
  /** Serialises source changes so two quick clicks never run two sources at once. */
  private switching: Promise<unknown> = Promise.resolve();
  /** A replay reading its files before it takes over; Stop or a newer start cancels it. */
  private preparing: ReplaySource | null = null;
  /** The last replay started, so Restart after Stop plays it again. */
  private lastReplay: ReplayStart | null = null;
  private services: ServicesStatus;
  /** Where the running replay is saved for resume; null when STATE_DIR is off. */
  private readonly state: SessionStateDir | null;
  /** Threads that decode and analyse replays (DECODE_THREADS); null: the main thread does. */
  private readonly decodePool: DecodePool | null;

  constructor(private readonly options: AnalyticsRuntimeOptions) {
    this.window = options.config.window;
    this.state = options.config.stateDir === null ? null : new SessionStateDir(options.config.stateDir);
    const { decodeThreads, sentiment } = options.config;
    this.decodePool = decodeThreads > 0 ? new DecodePool(decodeThreads, sentiment) : null;
    this.decodePool
      ?.warm()
      .catch((error: Error) => this.log('warn', `the decode threads did not start: ${error.message}`));
    const { profiles } = options;
    this.services = { profiles: null, redis: null, unjoined: 0 };
    if (profiles instanceof ResilientProfileStore) {
      this.services.profiles = profilesHealth(profiles.availability());
      profiles.on('availability', (availability) => this.onProfileAvailability(availability));
    }
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
      status: { ...this.status, ...this.active?.source.counts() },
    };
  }

  async startDefaultSource(): Promise<void> {
    const { config } = this.options;
    if (await this.resumeSaved()) return;
    if (config.live !== 'off' && config.xBearerToken !== null) {
      await this.startLive(config.live);
    } else if (config.demoFiles.length > 0) {
      await this.startReplay({ files: config.demoFiles, speed: config.replaySpeed, loop: config.demoLoop });
    }
  }

  async setWindow(window: WindowConfig): Promise<void> {
    const problems = windowConfigViolations(window);
    if (problems.length > 0)
      throw new RequestRefusedError(`invalid window: ${problems.join('; ')}`, 400, problems);
    this.session?.setWindow(window);
    this.window = window;
    this.events.emit('config', this.publicConfig());
  }

  historyStats(): HistoryTierStats[] {
    return this.session?.context.historyStats() ?? [];
  }

  hashtagDetail(key: string): HashtagDetail {
    const detail = this.session?.job.hashtagDetail(key);
    if (detail === undefined)
      throw new RequestRefusedError('no source is running: start a replay or the live stream', 404);
    return detail;
  }

  listDataFiles(): Promise<DataFile[]> {
    return listDataFiles(this.options.config.dataDir);
  }

  /**
   * Reads the files first (the first pass: totals, problem lines, sort runs) without the control
   * lock, so Stop cancels it at once and other controls are not held up; then takes over.
   */
  startReplay(request: ReplayStart): Promise<SourceStatus> {
    return this.playReplay(request, null);
  }

  /** Starts a replay: a new one (saved for resume), or the saved one resumed from its checkpoint. */
  private async playReplay(request: ReplayStart, saved: SavedSession | null): Promise<SourceStatus> {
    const { config } = this.options;
    const clock = createClock(
      request.speed === 'max' ? { kind: 'manual' } : { kind: 'replay', speed: request.speed },
    );
    const source: ReplaySource = new ReplaySource({
      dataDir: config.dataDir,
      files: request.files,
      speed: request.speed,
      loop: request.loop,
      gapMs: request.gap ?? config.replayGapMs,
      ...(this.decodePool === null ? {} : { reader: { decode: this.decodePool } }),
      ...(request.speed === 'max'
        ? {
            timeSource: clock as ManualClock,
            drain: () => this.contextOf(source)?.whenIdle() ?? Promise.resolve(),
            finish: () => this.contextOf(source)?.advanceToLastWindow() ?? Promise.resolve(),
          }
        : { clock: clock as ReplayClock }),
    });
    const superseded = this.preparing;
    this.preparing = source;
    if (superseded !== null) void superseded.stop();
    // Listening before prepare(): its first pass is where a replay finds its problem lines.
    this.logProblems(source);
    try {
      await refuseNonRecordings(config.dataDir, request.files);
      // Opening the files first turns a bad path or an unreadable file into a 400, not a dead session.
      await source.prepare();
    } catch (error) {
      if (this.preparing === source) this.preparing = null;
      await source.stop();
      // Refusals that carry their own code (a wrong file kind, a bad path) go out as they are.
      if (error instanceof RequestRefusedError || error instanceof WrongFileKindError) throw error;
      const status = error instanceof ReplayPreparationCancelledError ? 409 : 400;
      throw new RequestRefusedError((error as Error).message, status);
    }
    return this.exclusive(async () => {
      if (this.preparing !== source) {
        await source.stop();
        throw new RequestRefusedError(new ReplayPreparationCancelledError(request.files).message, 409);
      }
      this.preparing = null;
      this.lastReplay = request;
      this.reportRead(source);
      const active: ActiveSource = { kind: 'replay', source, carried: this.watch(source) };
      if (saved === null) await this.openSession(active, clock, this.newSavedSession(request));
      else await this.openSession(active, clock, saved, true);
      return this.status;
    });
  }

  /** The engine context a replay plays into, while it is the active source. */
  private contextOf(source: ReplaySource) {
    return this.active?.source === source ? (this.session?.context ?? null) : null;
  }

  /** Each problem line of a replay's first pass, logged (the first few; the status has the counts). */
  private logProblems(source: ReplaySource): void {
    let logged = 0;
    source.on('problem', (problem) => {
      if (problem.kind === 'warning' || logged++ >= PROBLEMS_LOGGED) return;
      this.log(
        'warn',
        `replay: ${problem.file ?? 'stream'} line ${problem.line}: ${problem.kind}: ${problem.message}`,
      );
    });
  }

  /** After the first pass: what will not play, said once at warn level. */
  private reportRead(source: ReplaySource): void {
    const { rejected, skipped } = source.counts();
    const { readErrors } = source.progress();
    for (const readError of readErrors) this.log('warn', `replay: ${readError}`);
    if (rejected > 0 || skipped > 0) {
      this.log(
        'warn',
        `replay of ${source.progress().files.join(', ')}: ${rejected} lines rejected, ${skipped} notices skipped (the first reasons are on the status)`,
      );
    }
  }

  /**
   * After a restart or a crash: plays the replay saved in STATE_DIR on from its latest checkpoint.
   * A saved session or checkpoint that cannot be used is reported and dropped, and the server
   * starts afresh (false); it never stops the server.
   */
  private async resumeSaved(): Promise<boolean> {
    const state = this.state;
    if (state === null) return false;
    let saved: SavedSession | null;
    try {
      saved = await state.load();
      if (saved === null) return false;
      const resumed = saved;
      await this.playReplay(
        {
          files: resumed.files,
          speed: resumed.speed,
          loop: resumed.loop,
          ...(resumed.gapMs === undefined ? {} : { gap: resumed.gapMs }),
        },
        resumed,
      );
    } catch (error) {
      this.log(
        'error',
        `cannot resume the saved session in ${state.dir}: ${(error as Error).message}. Starting afresh (the saved session and its checkpoints are dropped).`,
      );
      await state
        .clear()
        .catch((clearing: Error) => this.log('error', `cannot clear ${state.dir}: ${clearing.message}`));
      return false;
    }
    const from = this.session?.resumedFrom ?? null;
    this.log(
      'info',
      from === null
        ? `resuming the replay of ${saved.files.join(', ')}: no checkpoint was written yet, it starts from the beginning`
        : `resumed the replay of ${saved.files.join(', ')} from its checkpoint at ${new Date(from).toISOString()}`,
    );
    return true;
  }

  private newSavedSession(request: ReplayStart): SavedSession {
    return {
      version: 1,
      id: randomUUID(),
      kind: 'replay',
      files: [...request.files],
      speed: request.speed,
      loop: request.loop,
      ...(request.gap === undefined ? {} : { gapMs: request.gap }),
      window: this.window,
      startedAt: Date.now(),
    };
  }

  reportRedis(health: ServiceHealth | null): void {
    const before = this.services.redis;
    this.services = { ...this.services, redis: health };
    if (health?.state !== before?.state) {
      if (health?.state === 'unavailable') this.log('warn', health.message ?? REDIS_UNAVAILABLE);
      else if (before?.state === 'unavailable' && health?.state === 'ok')
        this.log('info', 'Redis is back: broadcasts reach every node again');
    }
    this.setStatus(this.status);
  }

  private onProfileAvailability(availability: ProfileAvailability): void {
    const before = this.services.profiles;
    this.services = { ...this.services, profiles: profilesHealth(availability) };
    if (availability.state === 'unavailable' && before?.state !== 'unavailable') {
      this.log(
        'error',
        `${PROFILES_UNAVAILABLE}: ${availability.error?.message ?? 'the profile database failed'}. Tweets are analysed without profiles (counted as unjoined) until it answers again.`,
      );
    } else if (availability.state === 'ok' && before?.state === 'unavailable') {
      this.log(
        'info',
        `profiles available again: joins resumed (${this.services.unjoined} tweets went unjoined so far, ${availability.notStored} stream profiles were not stored)`,
      );
    }
    this.setStatus(this.status);
  }

  private log(level: RuntimeLog['level'], message: string): void {
    if (this.events.listenerCount('log') > 0) this.events.emit('log', { level, message });
    else console[level](`hashpulse: ${message}`);
  }

  pauseReplay(): Promise<SourceStatus> {
    return this.onReplay((source) => source.pause());
  }

  resumeReplay(): Promise<SourceStatus> {
    return this.onReplay((source) => source.resume());
  }

  restartReplay(): Promise<SourceStatus> {
    const last = this.lastReplay;
    // After Stop (or an end the session closed) the last replay starts again from its start.
    if (this.active?.kind !== 'replay' && last !== null) return this.startReplay(last);
    return this.onReplay((source) => source.restart());
  }

  setReplaySpeed(speed: ReplaySpeed): Promise<SourceStatus> {
    return this.onReplay((source) => {
      try {
        source.setSpeed(speed);
      } catch (error) {
        if (error instanceof ReplayConfigError) throw new RequestRefusedError(error.message, 409);
        throw error;
      }
      if (this.lastReplay !== null) this.lastReplay = { ...this.lastReplay, speed };
    });
  }

  stopSource(): Promise<SourceStatus> {
    // A replay still reading its files stops now, not after the lock.
    const preparing = this.preparing;
    this.preparing = null;
    const cancelled = preparing?.stop();
    return this.exclusive(async () => {
      await cancelled;
      // The stopped session's counts and replay progress stay on show until the next source starts.
      const { kind, rejected, skipped, dropped, replay, live } = this.status;
      await this.closeSession();
      // Stopped on purpose: a restart starts the default source, not this one.
      await this.forgetSavedSession();
      this.setStatus({
        ...idleStatus(),
        ...(kind === 'none' ? {} : { kind, replay, live }),
        rejected,
        skipped,
        dropped,
        state: 'stopped',
        message: 'stopped: the panels show the data as it was when it stopped',
      });
      return this.status;
    });
  }

  startLive(stream: 'filtered' | 'sample'): Promise<SourceStatus> {
    return this.exclusive(async () => {
      const source = new LiveSource({ stream, ...this.liveConnection() });
      this.watch(source);
      const recorder = this.startRecorder(source, stream);
      await this.openSession({ kind: 'live', source, recorder }, createClock({ kind: 'system' }), null);
      return this.status;
    });
  }

  listRules(): Promise<StreamRule[]> {
    return this.withRules((rules) => listRules(rules));
  }

  addRule(value: string, tag?: string): Promise<StreamRule> {
    return this.withRules((rules) => addRule(rules, value, tag));
  }

  deleteRule(id: string): Promise<void> {
    return this.withRules((rules) => deleteRule(rules, id));
  }

  /** Shuts down: the running session writes a last checkpoint, so the next start resumes it. */
  async close(): Promise<void> {
    const preparing = this.preparing;
    this.preparing = null;
    await preparing?.stop();
    await this.exclusive(() => this.closeSession({ checkpoint: true }));
    await this.decodePool?.close();
    await this.options.profiles.close();
  }

  private liveConnection() {
    return liveConnection(this.options.config, this.options.liveCa);
  }

  /**
   * What the runtime takes from any source: its status (counts included: the source owns them)
   * and its profiles. Profiles that arrive in the stream (includes.users) fill the store for later
   * joins, each written once: a replay's wait in the returned queue for the batch of the record
   * that carried them (the session stores them before that batch's lookup), the live stream's go
   * in as they come.
   */
  private watch(source: TweetSource): CarriedProfiles {
    const carried = new CarriedProfiles();
    source.on('status', (status) => this.setStatus(status));
    source.on('profiles', (profiles, time) => {
      if (time !== undefined) carried.add(time, profiles);
      else this.options.profiles.add(profiles).catch((error: Error) => this.streamProfilesFailed(error));
    });
    return carried;
  }

  private streamProfilesFailed(error: Error): void {
    this.setStatus({ ...this.status, message: `could not store stream profiles: ${error.message}` });
  }

  /** With RECORD_DIR, everything the live stream delivers is also written to replayable files. */
  private startRecorder(source: LiveSource, stream: 'filtered' | 'sample'): StreamRecorder | null {
    return recordLive(source, stream, this.options.config.recordDir, (error) =>
      this.setStatus({ ...this.status, message: `recording stopped: ${error.message}` }),
    );
  }

  /** The live source's rules client while it plays, else one for this call (refused without a token). */
  private async withRules<T>(call: (rules: StreamRules) => Promise<T>): Promise<T> {
    return call(
      this.active?.kind === 'live' ? this.active.source.rules : StreamRules.connect(this.liveConnection()),
    );
  }

  private async onReplay(action: (source: ReplaySource) => void): Promise<SourceStatus> {
    const active = this.active;
    if (active?.kind !== 'replay')
      throw new RequestRefusedError('no replay is running: start one first', 409);
    action(active.source);
    this.setStatus(active.source.status());
    return this.status;
  }

  /**
   * `saved`: the replay to save for resume, or with `resuming` the saved one, restored from its
   * latest checkpoint; null for a session that is not resumed (live).
   */
  private async openSession(
    active: ActiveSource,
    clock: Clock,
    saved: SavedSession | null,
    resuming = false,
  ): Promise<void> {
    await this.closeSession();
    this.metrics = [];
    this.feed = [];
    const checkpointDir = resuming ? this.state!.checkpointDir(saved!.id) : await this.saveSession(saved);
    const session = await Session.open({
      source: active.source,
      clock,
      window: saved?.window ?? this.window,
      profiles: this.options.profiles,
      tuning: { sentiment: this.options.config.sentiment },
      ...(active.kind === 'replay'
        ? {
            carriedProfiles: {
              queue: active.carried,
              onStoreError: (error: Error) => this.streamProfilesFailed(error),
            },
          }
        : {}),
      listener: {
        onBatchCompleted: (info) => this.onBatch(info),
        onError: (error) => this.setStatus({ ...this.status, state: 'error', message: error.message }),
      },
      ...(checkpointDir === null
        ? {}
        : {
            checkpointState: this.storeState(),
            checkpoint: {
              dir: checkpointDir,
              intervalMs: this.options.config.checkpointIntervalMs,
              minWallMs: CHECKPOINT_MIN_WALL_MS,
            },
          }),
    }).catch(async (error: Error) => {
      await active.source.stop(); // prepared, never started: its files are closed
      throw error;
    });
    // A resumed session runs the window its checkpoint holds.
    this.window = { batchIntervalMs: session.context.batchIntervalMs, ...session.window.current() };
    session.job.on('unjoined', (count) => {
      this.services = { ...this.services, unjoined: this.services.unjoined + count };
      this.setStatus(this.status);
    });
    session.job.on('window', (update) => this.events.emit('window', update));
    session.job.on('tweets', (tweets) => {
      this.feed = [...this.feed, ...tweets].slice(-FEED_KEPT);
      this.events.emit('tweets', tweets);
    });
    this.session = session;
    this.active = active;
    this.events.emit('reset');
    await session.start();
    this.setStatus(active.source.status());
  }

  /**
   * Saves a new replay for resume and returns where it checkpoints; null (no STATE_DIR, an
   * unwritable one, or a live session, which also drops any saved replay).
   */
  private async saveSession(saved: SavedSession | null): Promise<string | null> {
    const state = this.state;
    if (state === null) return null;
    if (saved === null) {
      await this.forgetSavedSession();
      return null;
    }
    try {
      await state.save(saved);
    } catch (error) {
      this.log(
        'warn',
        `cannot save the session in STATE_DIR ${state.dir} (${(error as Error).message}): this replay will not resume after a restart`,
      );
      return null;
    }
    return state.checkpointDir(saved.id);
  }

  /**
   * A store in memory loses what the stream added to it in a crash; the checkpoints keep it
   * (PostgreSQL keeps it itself).
   */
  private storeState(): Array<[string, CheckpointedState]> {
    const store = this.options.profiles;
    if (!(store instanceof MemoryProfileStore)) return [];
    return [
      [
        'stream-profiles',
        {
          snapshot: () => store.snapshotStreamProfiles(),
          restore: (data) => store.restoreStreamProfiles(data as StreamProfilesSnapshot),
        },
      ],
    ];
  }

  private async forgetSavedSession(): Promise<void> {
    await this.state
      ?.clear()
      .catch((error: Error) =>
        this.log('warn', `cannot clear STATE_DIR ${this.state!.dir}: ${error.message}`),
      );
  }

  private async closeSession(options: { checkpoint?: boolean } = {}): Promise<void> {
    const session = this.session;
    const active = this.active;
    this.session = null;
    this.active = null;
    if (session !== null) await session.stop(options);
    if (active?.kind === 'live' && active.recorder !== null) {
      // A recording that failed was already reported when it failed; what was written stays.
      await active.recorder.close().catch(() => undefined);
    }
  }

  private onBatch(info: Readonly<BatchInfo>): void {
    if (info.error !== null) return;
    const metrics: BatchMetrics = {
      batchTime: info.batchTime,
      records: info.records,
      schedulingDelayMs: info.schedulingDelayMs ?? 0,
      processingTimeMs: info.processingTimeMs ?? 0,
      totalDelayMs: info.totalDelayMs ?? 0,
      droppedRecords: info.droppedRecords,
    };
    this.metrics.push(metrics);
    if (this.metrics.length > METRICS_KEPT) this.metrics.shift();
    this.events.emit('metrics', metrics);
    // A live source counts drops and rejections without a status event (it would flood under
    // overload); the dashboard hears of new counts at most once a batch.
    const counts = this.active?.source.counts();
    const shown = this.status;
    if (
      counts !== undefined &&
      (counts.rejected !== shown.rejected ||
        counts.skipped !== shown.skipped ||
        counts.dropped !== shown.dropped)
    ) {
      this.setStatus(shown);
    }
  }

  private setStatus(status: SourceStatus): void {
    // The running source owns its counts: read them fresh, whatever status this is.
    const counts: Partial<SourceCounts> = this.active?.source.counts() ?? {};
    this.status = {
      ...status,
      ...counts,
      services: this.services,
      resumedFrom: this.session?.resumedFrom ?? null,
      updatedAt: Date.now(),
    };
    this.events.emit('status', this.status);
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.switching.then(task, task);
    this.switching = run.catch(() => undefined);
    return run;
  }
}

function profilesHealth(availability: ProfileAvailability): ServiceHealth {
  return {
    state: availability.state,
    message: availability.state === 'ok' ? null : PROFILES_UNAVAILABLE,
    since: availability.since,
    nextRetryAt: availability.nextRetryAt,
  };
}
