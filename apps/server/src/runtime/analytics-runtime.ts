// The running analytics behind the dashboard: which source plays (demo replay, chosen files, the
// live X API), the current window, and the recent state a new dashboard receives at once.
import { EventEmitter } from 'node:events';
import type { BatchInfo, Clock, ManualClock, ReplayClock } from '@hashpulse/engine';
import {
  windowConfigViolations,
  type BatchMetrics,
  type DataFile,
  type FeedTweet,
  type HashtagDetail,
  type PublicConfig,
  type Snapshot,
  type SourceStatus,
  type StreamRule,
  type WindowConfig,
} from '@hashpulse/protocol';
import type { ServerConfig } from '../config/server-config.js';
import { assertFileKind, listDataFiles, REPLAY_INPUT, resolveDataFile } from '../files/index.js';
import type { ProfileStore } from '../profiles/index.js';
import type { Profile } from '@hashpulse/tweets';
import {
  LiveSource,
  ReplaySource,
  StreamRecorder,
  StreamRules,
  type SourceCounts,
  type TweetSource,
} from '../sources/index.js';
import {
  RequestRefusedError,
  type DashboardRuntime,
  type ReplayStart,
  type RuntimeEvents,
} from './dashboard-runtime.js';
import { Session, createClock } from './session.js';

export interface AnalyticsRuntimeOptions {
  config: ServerConfig;
  profiles: ProfileStore;
  version: string;
  /** Extra CA certificates the live client trusts (tests run a local X API with their own CA). */
  liveCa?: string;
}

const METRICS_KEPT = 300;
const FEED_KEPT = 50;

type ActiveSource =
  | { kind: 'replay'; source: ReplaySource }
  | { kind: 'live'; source: LiveSource; recorder: StreamRecorder | null };

function idleStatus(): SourceStatus {
  return {
    kind: 'none',
    state: 'idle',
    message: null,
    replay: null,
    live: null,
    rejected: 0,
    skipped: 0,
    dropped: 0,
    updatedAt: Date.now(),
  };
}

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

  constructor(private readonly options: AnalyticsRuntimeOptions) {
    this.window = options.config.window;
  }

  publicConfig(): PublicConfig {
    return {
      window: this.window,
      adminRequired: this.options.config.adminToken !== null,
      liveAvailable: this.options.config.xBearerToken !== null,
      profileStore:
        this.options.profiles.kind === 'postgres'
          ? 'postgres'
          : this.options.profiles.kind === 'file'
            ? 'file'
            : 'none',
      version: this.options.version,
    };
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
    if (config.live !== 'off' && config.xBearerToken !== null) {
      await this.startLive(config.live);
    } else if (config.demoFiles.length > 0) {
      await this.startReplay({ files: config.demoFiles, speed: config.replaySpeed, loop: true });
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

  hashtagDetail(key: string): HashtagDetail {
    const detail = this.session?.job.hashtagDetail(key);
    if (detail === undefined)
      throw new RequestRefusedError('no source is running: start a replay or the live stream', 404);
    return detail;
  }

  listDataFiles(): Promise<DataFile[]> {
    return listDataFiles(this.options.config.dataDir);
  }

  startReplay(request: ReplayStart): Promise<SourceStatus> {
    return this.exclusive(async () => {
      const { config } = this.options;
      const clock = createClock(
        request.speed === 'max' ? { kind: 'manual' } : { kind: 'replay', speed: request.speed },
      );
      const source = new ReplaySource({
        dataDir: config.dataDir,
        files: request.files,
        speed: request.speed,
        loop: request.loop,
        ...(request.speed === 'max'
          ? {
              timeSource: clock as ManualClock,
              drain: () => this.session?.context.whenIdle() ?? Promise.resolve(),
            }
          : { clock: clock as ReplayClock }),
      });
      await this.refuseNonRecordings(request.files);
      // Listening before prepare(): its first pass is where a replay finds its problem lines.
      this.watch(source);
      // Opening the files first turns a bad path or an unreadable file into a 400, not a dead session.
      await source.prepare().catch((error: Error) => {
        throw new RequestRefusedError(error.message, 400);
      });
      await this.openSession({ kind: 'replay', source }, clock);
      return this.status;
    });
  }

  /** A file that is not a recording (profiles, binary, empty) would replay to nothing: say so instead. */
  private async refuseNonRecordings(files: readonly string[]): Promise<void> {
    for (const name of files) {
      const file = await resolveDataFile(this.options.config.dataDir, name).catch((error: Error) => {
        throw new RequestRefusedError(error.message, 400);
      });
      // Bounded and cached: the same detection as the file listing; a 400 with its own code.
      await assertFileKind(file, name, REPLAY_INPUT);
    }
  }

  pauseReplay(): Promise<SourceStatus> {
    return this.onReplay((source) => source.pause());
  }

  resumeReplay(): Promise<SourceStatus> {
    return this.onReplay((source) => source.resume());
  }

  restartReplay(): Promise<SourceStatus> {
    return this.onReplay((source) => source.restart());
  }

  stopSource(): Promise<SourceStatus> {
    return this.exclusive(async () => {
      // The stopped session's counts stay on show until the next source starts.
      const { rejected, skipped, dropped } = this.status;
      await this.closeSession();
      this.setStatus({ ...idleStatus(), rejected, skipped, dropped, state: 'stopped', message: 'stopped' });
      return this.status;
    });
  }

  startLive(stream: 'filtered' | 'sample'): Promise<SourceStatus> {
    return this.exclusive(async () => {
      const source = new LiveSource({ stream, ...this.liveConnection() });
      this.watch(source);
      const recorder = this.startRecorder(source, stream);
      await this.openSession({ kind: 'live', source, recorder }, createClock({ kind: 'system' }));
      return this.status;
    });
  }

  async listRules(): Promise<StreamRule[]> {
    const rules = await this.rules().list();
    return rules.map((rule) => ({ id: rule.id, value: rule.value, tag: rule.tag ?? null }));
  }

  async addRule(value: string, tag?: string): Promise<StreamRule> {
    const result = await this.rules().add([{ value, ...(tag ? { tag } : {}) }]);
    const created = result.created[0];
    if (created === undefined) {
      const reasons = result.problems.map((problem) => problem.reason);
      throw new RequestRefusedError(
        `the X API refused the rule: ${reasons.join('; ') || 'no reason given'}`,
        400,
        reasons,
      );
    }
    return { id: created.id, value: created.value, tag: created.tag ?? null };
  }

  async deleteRule(id: string): Promise<void> {
    const result = await this.rules().delete([id]);
    if (result.deleted === 0) {
      throw new RequestRefusedError(
        `rule ${id} was not deleted: ${result.problems.map((p) => p.reason).join('; ')}`,
        404,
      );
    }
  }

  async close(): Promise<void> {
    await this.exclusive(() => this.closeSession());
    await this.options.profiles.close();
  }

  private liveConnection() {
    const { config } = this.options;
    if (config.xBearerToken === null) {
      throw new RequestRefusedError('the live source needs X_BEARER_TOKEN in the server environment', 409);
    }
    return {
      bearerToken: config.xBearerToken,
      baseUrl: config.xApiBaseUrl,
      ...(this.options.liveCa !== undefined ? { ca: this.options.liveCa } : {}),
    };
  }

  /**
   * What the runtime takes from any source: its status (counts included: the source owns them)
   * and its profiles.
   */
  private watch(source: TweetSource): void {
    source.on('status', (status) => this.setStatus(status));
    source.on('profiles', (profiles) => this.addStreamProfiles(profiles));
  }

  /**
   * Profiles that arrive in the stream (includes.users) fill the store for later joins. This is
   * their only way into the store (the job only looks profiles up), so each is written once.
   */
  private addStreamProfiles(profiles: Profile[]): void {
    this.options.profiles.add(profiles).catch((error: Error) => {
      this.setStatus({ ...this.status, message: `could not store stream profiles: ${error.message}` });
    });
  }

  /** With RECORD_DIR, everything the live stream delivers is also written to replayable files. */
  private startRecorder(source: LiveSource, stream: 'filtered' | 'sample'): StreamRecorder | null {
    const dir = this.options.config.recordDir;
    if (dir === null) return null;
    const recorder = new StreamRecorder({ dir, prefix: `live-${stream}` });
    recorder.on('failure', (error) =>
      this.setStatus({ ...this.status, message: `recording stopped: ${error.message}` }),
    );
    source.on('message', (line) => recorder.write(line));
    return recorder;
  }

  private rules(): StreamRules {
    if (this.active?.kind === 'live') return this.active.source.rules;
    return StreamRules.connect(this.liveConnection());
  }

  private async onReplay(action: (source: ReplaySource) => void): Promise<SourceStatus> {
    const active = this.active;
    if (active?.kind !== 'replay')
      throw new RequestRefusedError('no replay is running: start one first', 409);
    action(active.source);
    this.setStatus(active.source.status());
    return this.status;
  }

  private async openSession(active: ActiveSource, clock: Clock): Promise<void> {
    await this.closeSession();
    this.metrics = [];
    this.feed = [];
    const session = new Session({
      source: active.source,
      clock,
      window: this.window,
      profiles: this.options.profiles,
      listener: {
        onBatchCompleted: (info) => this.onBatch(info),
        onError: (error) => this.setStatus({ ...this.status, state: 'error', message: error.message }),
      },
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

  private async closeSession(): Promise<void> {
    const session = this.session;
    const active = this.active;
    this.session = null;
    this.active = null;
    if (session !== null) await session.stop();
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
    this.status = { ...status, ...counts, updatedAt: Date.now() };
    this.events.emit('status', this.status);
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.switching.then(task, task);
    this.switching = run.catch(() => undefined);
    return run;
  }
}
