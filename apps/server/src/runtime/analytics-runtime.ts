// The running analytics behind the dashboard: which source plays (demo replay, chosen files, the
// live X API), the current window, and the recent state a new dashboard receives at once.
// A replay reads its files (prepares) outside the control lock, so Stop is never kept waiting.
import { EventEmitter } from 'node:events';
import type { BatchInfo, Clock, HistoryTierStats, ManualClock, ReplayClock } from '@hashpulse/engine';
import {
  windowConfigViolations,
  type BatchMetrics,
  type DataFile,
  type FeedTweet,
  type HashtagDetail,
  type PublicConfig,
  type ReplaySpeed,
  type Snapshot,
  type SourceStatus,
  type StreamRule,
  type WindowConfig,
} from '@hashpulse/protocol';
import type { ServerConfig } from '../config/server-config.js';
import { listDataFiles, recordingKind, resolveDataFile } from '../files/index.js';
import type { ProfileStore } from '../profiles/index.js';
import type { Profile } from '@hashpulse/tweets';
import {
  LiveSource,
  ReplayConfigError,
  ReplayPreparationCancelledError,
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
  /** Where the runtime reports what a source could not play; default the console. */
  log?: RuntimeLog;
}

/** What the runtime logs through (the server passes its pino logger). */
export interface RuntimeLog {
  warn(message: string): void;
  error(message: string): void;
}

/** Problem lines logged one by one per replay; the rest are summed up. */
const PROBLEMS_LOGGED = 10;

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
  /** A replay reading its files before it takes over; Stop or a newer start cancels it. */
  private preparing: ReplaySource | null = null;
  /** The last replay started, so Restart after Stop plays it again. */
  private lastReplay: ReplayStart | null = null;
  private log: RuntimeLog;

  constructor(private readonly options: AnalyticsRuntimeOptions) {
    this.window = options.config.window;
    this.log = options.log ?? { warn: (m) => console.warn(m), error: (m) => console.error(m) };
  }

  /** The server's logger, once it exists (it is built after the runtime). */
  useLog(log: RuntimeLog): void {
    this.log = log;
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
  async startReplay(request: ReplayStart): Promise<SourceStatus> {
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
      await this.refuseProfileFiles(request.files);
      // Opening the files first turns a bad path or an unreadable file into a 400, not a dead session.
      await source.prepare();
    } catch (error) {
      if (this.preparing === source) this.preparing = null;
      await source.stop();
      if (error instanceof RequestRefusedError) throw error;
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
      this.watch(source);
      await this.openSession({ kind: 'replay', source }, clock);
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
      this.log.warn(
        `replay: ${problem.file ?? 'stream'} line ${problem.line}: ${problem.kind}: ${problem.message}`,
      );
    });
  }

  /** After the first pass: what will not play, said once at warn level. */
  private reportRead(source: ReplaySource): void {
    const { rejected, skipped } = source.counts();
    const { readErrors } = source.progress();
    for (const readError of readErrors) this.log.warn(`replay: ${readError}`);
    if (rejected > 0 || skipped > 0) {
      this.log.warn(
        `replay of ${source.progress().files.join(', ')}: ${rejected} lines rejected, ${skipped} notices skipped (the first reasons are on the status)`,
      );
    }
  }

  /** A profiles file would replay to nothing: say so instead of starting an empty session. */
  private async refuseProfileFiles(files: readonly string[]): Promise<void> {
    for (const name of files) {
      const file = await resolveDataFile(this.options.config.dataDir, name).catch((error: Error) => {
        throw new RequestRefusedError(error.message, 400);
      });
      if ((await recordingKind(file)) === 'profiles') {
        throw new RequestRefusedError(
          `${name} is a profiles file, not a tweet recording: use it as PROFILES_FILE or import it with \`hashpulse profiles import\``,
          400,
        );
      }
    }
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
    const preparing = this.preparing;
    this.preparing = null;
    await preparing?.stop();
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
