// The replay source: plays recordings under the data directory into the engine in created_at
// order, at a speed factor on the engine's replay clock or as fast as possible ('max'), with
// pause, resume, restart, loop, rate limiting (backpressure), progress events and checkpoints.
//
// Time shift: engine time must never go backwards, so every pass after the first (a loop or a
// restart) and a replay onto a clock that is already running shifts all record times by one
// constant, keeping the gaps between records. The first record of a pass plays at
//   - the first pass: its own time if the clock has not started (the clock is started there),
//     else the clock's current time;
//   - a loop: `loopGapMs` after the previous pass's last record (or the clock's time if later);
//   - a restart: the clock's current time (or the last record played, if later).
// Pushed tweets carry the shifted time in `createdAt` too, so the feed agrees with the clock.
import type { SourceOffset, Source, SourceSink } from '@hashpulse/engine';
import type { ReplayProgress, SourceState, SourceStatus } from '@hashpulse/protocol';
import type { Profile, Tweet } from '@hashpulse/tweets';
import type { LineReadError } from '../../files/index.js';
import type { LineProblem } from './decode-file.js';
import { ReplayConfigError, ReplayOffsetError } from './errors.js';
import { inputFilesInDataDir, type InputFile } from './input-file.js';
import { OrderedTweetReader, type OrderedReaderOptions } from './ordered-reader.js';
import type { OrderedRecord } from './ordered-record.js';
import { systemWall, type PlaybackClock, type TimeSource, type WallTimer } from './playback-clock.js';
import { TypedEmitter } from './typed-emitter.js';

export type ReplaySpeed = number | 'max';

export interface ReplaySourceOptions {
  /** Unique within the engine context. Default "replay". */
  name?: string;
  /** Only files under it can be played. */
  dataDir: string;
  /** Names relative to the data directory. */
  files: readonly string[];
  /** 1, 10, 100... (on `clock`) or 'max'. */
  speed: ReplaySpeed;
  loop?: boolean;
  /** Required for numeric speeds: the engine context's replay clock. */
  clock?: PlaybackClock;
  /** For 'max': the context's manual clock, so a replay onto a running clock continues after it. */
  timeSource?: TimeSource;
  /** Recording time between the last record of a pass and the first of the next. Default 1000. */
  loopGapMs?: number;
  /** Minimum wall time between progress events. Default 250 (at most 4 a second). */
  progressIntervalMs?: number;
  /**
   * 'max' mode: awaited after every `drainEvery` records so the engine can catch up before more
   * arrive (wire it to the context's `whenIdle()`). Without it the source only yields the event loop.
   */
  drain?: () => Promise<void>;
  /** Records between drains / event-loop yields. Default 1000. */
  drainEvery?: number;
  /** Wall time; tests pass a virtual one. */
  wall?: WallTimer;
  /** Options for the ordered reader (temp directory, sort chunk size, decoder). */
  reader?: Pick<OrderedReaderOptions, 'tempDir' | 'runRecords' | 'decode'>;
}

export interface ReplayEvents extends Record<string, unknown> {
  /** Throttled to one per `progressIntervalMs`, plus one at every state change. */
  progress: ReplayProgress;
  state: { state: SourceState; message: string | null };
  /** A rejected line, notice or decoder warning (reported once, during the first pass). */
  problem: LineProblem;
  /** A file that could not be read to its end (truncated gzip): what was read still plays. */
  'read-error': LineReadError;
  /** Profiles that came with a record (includes.users), for the profile store. */
  profiles: Profile[];
}

/** The checkpoint offset: where in which pass the replay was, and the pass's time shift. */
export interface ReplayOffset {
  files: string[];
  pass: number;
  position: number;
  shiftMs: number;
}

class PassInterrupted extends Error {
  override name = 'PassInterrupted';
}

const DEFAULT_LOOP_GAP_MS = 1000;
/** Records sampled to estimate the recording's own rate, for rate limits at timed speeds. */
const RATE_SAMPLE = 256;
/** A rate-limited replay clock never runs slower than this (it would look stopped). */
const MIN_SPEED = 0.01;

function checkSpeed(speed: ReplaySpeed): ReplaySpeed {
  if (speed === 'max') return speed;
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0) {
    throw new ReplayConfigError(
      `replay speed ${String(speed)} must be a positive number (1 = real time, 10, 100) or "max"`,
    );
  }
  return speed;
}

export class ReplaySource extends TypedEmitter<ReplayEvents> implements Source<Tweet> {
  readonly name: string;
  private readonly options: ReplaySourceOptions;
  private readonly wall: WallTimer;
  private speed: ReplaySpeed;
  private loop: boolean;
  private reader: OrderedTweetReader | null = null;
  private preparing: Promise<OrderedTweetReader> | null = null;
  private sink: SourceSink<Tweet> | null = null;
  private playing: Promise<void> | null = null;

  private currentState: SourceState = 'idle';
  private message: string | null = null;
  private paused = false;
  /** The replay clock's speed now: `speed`, or lower while a rate limit holds (timed speeds). */
  private effectiveSpeed = 1;
  /** Recording times of the last records pushed, to estimate the recording's records per second. */
  private readonly recentTimes = new Float64Array(RATE_SAMPLE);
  private recentCount = 0;
  private sinceSpeedCheck = 0;
  private stopRequested = false;
  private restartRequested = false;
  private wakeController = new AbortController();
  private resumeWaiter: (() => void) | null = null;

  private pass = 0;
  private position = 0;
  private shiftMs = 0;
  private lastPushed: number | null = null;
  private resumeFrom: ReplayOffset | null = null;
  private passStartedAt = 0;
  private passStartPosition = 0;

  private rateLimit: number | null = null;
  private nextSlot = 0;
  private rejected = 0;
  private skipped = 0;
  private lastProgressAt = Number.NEGATIVE_INFINITY;
  private progressTimer: ReturnType<typeof setInterval> | null = null;

  constructor(options: ReplaySourceOptions) {
    super();
    this.options = options;
    this.name = options.name ?? 'replay';
    this.speed = checkSpeed(options.speed);
    this.effectiveSpeed = this.speed === 'max' ? 1 : this.speed;
    this.loop = options.loop ?? false;
    this.wall = options.wall ?? systemWall;
    if (options.files.length === 0) {
      throw new ReplayConfigError('no files to replay: name at least one recording under the data directory');
    }
    if (this.speed !== 'max' && !options.clock) {
      throw new ReplayConfigError(
        `replay speed ${this.speed} needs the engine's replay clock: pass { clock } (a ReplayClock), or use speed "max" on a manual clock`,
      );
    }
  }

  // ---- preparation ----------------------------------------------------------------------------

  /**
   * Resolves the files under the data directory (PathOutsideDataDirError for anything else) and
   * runs the reader's first pass. Called by start(); call it earlier to refuse bad files before
   * wiring the source into an engine context.
   */
  prepare(): Promise<OrderedTweetReader> {
    this.preparing ??= (async () => {
      const files: InputFile[] = await inputFilesInDataDir(this.options.dataDir, this.options.files);
      this.reader = await OrderedTweetReader.open(files, {
        ...this.options.reader,
        onProblem: (problem) => {
          if (problem.kind === 'rejected') this.rejected++;
          else if (problem.kind === 'notice') this.skipped++;
          this.emit('problem', problem);
        },
        onReadError: (error) => this.emit('read-error', error),
      });
      return this.reader;
    })();
    return this.preparing;
  }

  // ---- Source contract ------------------------------------------------------------------------

  async start(sink: SourceSink<Tweet>): Promise<void> {
    if (this.sink)
      throw new ReplayConfigError(`replay "${this.name}" was already started: create a new ReplaySource`);
    this.sink = sink;
    // Declares that this source waits for room, so the engine does not count its retries as drops.
    await sink.whenWritable?.();
    this.setState('starting', null);
    try {
      await this.prepare();
    } catch (error) {
      this.setState('error', (error as Error).message);
      throw error;
    }
    if (this.stopRequested) return;
    // Told to the engine once, at start: the records read before the failure still play.
    for (const scan of this.reader!.scans) if (scan.readError) sink.warn(scan.readError.message);
    this.progressTimer = setInterval(() => {
      if (!this.isFinished()) this.emitProgress(true);
    }, this.options.progressIntervalMs ?? 250);
    this.progressTimer.unref?.();
    this.playing = this.play();
  }

  async stop(): Promise<void> {
    this.stopRequested = true;
    this.wake();
    await this.playing;
    if (this.progressTimer) clearInterval(this.progressTimer);
    this.progressTimer = null;
    await this.reader?.close();
    if (this.currentState !== 'error') this.setState('stopped', null);
  }

  setRateLimit(recordsPerSecond: number | null): void {
    if (recordsPerSecond !== null && !(Number.isFinite(recordsPerSecond) && recordsPerSecond > 0)) {
      throw new ReplayConfigError(
        `rate limit ${recordsPerSecond} must be a positive number of records per second, or null`,
      );
    }
    this.rateLimit = recordsPerSecond;
    this.nextSlot = this.wall.now();
    this.adjustClockSpeed();
    this.wake();
  }

  offset(): SourceOffset {
    const offset: ReplayOffset = {
      files: [...this.options.files],
      pass: this.pass,
      position: this.position,
      shiftMs: this.shiftMs,
    };
    return { ...offset };
  }

  restore(offset: SourceOffset): void {
    const value = offset as Partial<ReplayOffset> | null;
    const valid =
      value !== null &&
      typeof value === 'object' &&
      Array.isArray(value.files) &&
      Number.isInteger(value.pass) &&
      Number.isInteger(value.position) &&
      typeof value.shiftMs === 'number';
    if (!valid) {
      throw new ReplayOffsetError(
        `checkpoint offset ${JSON.stringify(offset)} is not a replay offset: delete the checkpoint to start over`,
      );
    }
    const files = value.files as string[];
    if (
      files.length !== this.options.files.length ||
      files.some((file, i) => file !== this.options.files[i])
    ) {
      throw new ReplayOffsetError(
        `the checkpoint was taken replaying ${files.join(', ')}, not ${this.options.files.join(', ')}: replay the same files or delete the checkpoint`,
      );
    }
    this.resumeFrom = { files, pass: value.pass!, position: value.position!, shiftMs: value.shiftMs! };
  }

  // ---- controls -------------------------------------------------------------------------------

  pause(): void {
    if (this.paused || this.isFinished()) return;
    this.paused = true;
    if (this.speed !== 'max') this.options.clock?.pause();
    this.setState('paused', null);
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.speed !== 'max') this.options.clock?.resume();
    this.setState(this.playing && this.currentState !== 'ended' ? 'running' : this.currentState, null);
    this.wake();
  }

  /** Plays again from the first record, shifted to continue after the clock's current time. */
  restart(): void {
    if (this.stopRequested) return;
    if (this.paused) this.resume();
    if (this.currentState === 'ended' && this.sink) {
      this.playing = this.play(true);
      return;
    }
    this.restartRequested = true;
    this.wake();
  }

  setLoop(loop: boolean): void {
    this.loop = loop;
    this.emitProgress(false);
  }

  /** Changes a timed speed (1, 10, 100...); switching to or from 'max' needs a new source and clock. */
  setSpeed(speed: ReplaySpeed): void {
    const next = checkSpeed(speed);
    if ((next === 'max') !== (this.speed === 'max')) {
      throw new ReplayConfigError(
        `cannot switch a replay between "max" and a timed speed while it plays (they use different engine clocks): stop it and start a new replay at ${String(next)}`,
      );
    }
    this.speed = next;
    this.adjustClockSpeed();
    this.wake();
    this.emitProgress(false);
  }

  // ---- status ---------------------------------------------------------------------------------

  get state(): SourceState {
    return this.currentState;
  }

  progress(): ReplayProgress {
    const total = this.reader?.total ?? null;
    return {
      files: [...this.options.files],
      speed: this.speed,
      loop: this.loop,
      position: this.position,
      total,
      etaMs: this.etaMs(total),
      clockTime: this.clockTime(),
      pass: this.pass,
    };
  }

  status(): SourceStatus {
    return {
      kind: 'replay',
      state: this.currentState,
      message: this.message,
      replay: this.progress(),
      live: null,
      rejected: this.rejected,
      skipped: this.skipped,
      // A replay waits instead of dropping (see deliver); the engine's metrics count refused pushes.
      dropped: 0,
      updatedAt: Date.now(),
    };
  }

  private clockTime(): number | null {
    const clock = this.speed === 'max' ? this.options.timeSource : this.options.clock;
    if (clock?.isStarted()) return clock.now();
    return this.lastPushed;
  }

  private etaMs(total: number | null): number | null {
    const reader = this.reader;
    if (total === null || reader === null || reader.lastTime === null) return null;
    if (this.position >= total || this.isFinished()) return 0;
    if (this.speed !== 'max') {
      const now = this.clockTime();
      if (now === null) return null;
      return Math.max(0, (reader.lastTime + this.shiftMs - now) / this.effectiveSpeed);
    }
    const played = this.position - this.passStartPosition;
    const elapsed = this.wall.now() - this.passStartedAt;
    if (played <= 0 || elapsed <= 0) return null;
    return ((total - this.position) * elapsed) / played;
  }

  private isFinished(): boolean {
    return this.currentState === 'ended' || this.currentState === 'stopped' || this.currentState === 'error';
  }

  private setState(state: SourceState, message: string | null): void {
    this.currentState = state;
    this.message = message;
    this.emit('state', { state, message });
    this.emitProgress(false);
  }

  private emitProgress(throttled: boolean): void {
    if (!this.reader) return;
    const now = this.wall.now();
    if (throttled && now - this.lastProgressAt < (this.options.progressIntervalMs ?? 250)) return;
    this.lastProgressAt = now;
    this.emit('progress', this.progress());
  }

  // ---- playing --------------------------------------------------------------------------------

  private wake(): void {
    this.wakeController.abort();
    this.wakeController = new AbortController();
    const waiter = this.resumeWaiter;
    this.resumeWaiter = null;
    waiter?.();
  }

  private checkInterrupt(): void {
    if (this.stopRequested || this.restartRequested) throw new PassInterrupted();
  }

  private async sleep(ms: number): Promise<void> {
    await this.wall.sleep(ms, this.wakeController.signal);
  }

  private async waitWhilePaused(): Promise<void> {
    while (this.paused) {
      this.checkInterrupt();
      await new Promise<void>((resolve) => (this.resumeWaiter = resolve));
    }
    this.checkInterrupt();
  }

  /** Waits until the replay clock reaches `time` (timed speeds), honouring pause and speed changes. */
  private async waitForClock(clock: PlaybackClock, time: number): Promise<void> {
    for (;;) {
      await this.waitWhilePaused();
      const now = clock.now();
      if (time <= now) return;
      await this.sleep((time - now) / this.effectiveSpeed);
    }
  }

  /**
   * Backpressure at timed speeds: the replay clock is slowed so that the recording's own rate
   * (estimated from the last records) times the clock speed stays within the limit. Slowing the
   * clock, not just the records, keeps every record on time and also slows the batch schedule,
   * which is what a falling-behind engine needs. Lifting the limit restores the chosen speed.
   */
  private adjustClockSpeed(): void {
    const clock = this.options.clock;
    if (this.speed === 'max' || !clock) return;
    let target = this.speed;
    if (this.rateLimit !== null) {
      const recordsPerRecordingSecond = this.recordingRate();
      if (recordsPerRecordingSecond > 0) {
        target = Math.min(this.speed, Math.max(MIN_SPEED, this.rateLimit / recordsPerRecordingSecond));
      }
    }
    if (target === this.effectiveSpeed) return;
    // Small corrections are not worth rebasing the clock for; restoring the chosen speed always is.
    if (target !== this.speed && Math.abs(target - this.effectiveSpeed) <= 0.02 * this.effectiveSpeed) return;
    this.effectiveSpeed = target;
    clock.setSpeed(target);
  }

  private recordingRate(): number {
    const n = Math.min(this.recentCount, RATE_SAMPLE);
    if (n < 2) return 0;
    const newest = this.recentTimes[(this.recentCount - 1) % RATE_SAMPLE]!;
    const oldest = this.recentTimes[(this.recentCount - n) % RATE_SAMPLE]!;
    // At least one second of span: recordings have whole-second timestamps.
    return ((n - 1) * 1000) / Math.max(1000, newest - oldest);
  }

  /** Backpressure at 'max': spaces records `1 / limit` seconds of wall time apart. */
  private async waitForRateSlot(): Promise<void> {
    for (;;) {
      const limit = this.rateLimit;
      if (limit === null) return;
      const now = this.wall.now();
      if (this.nextSlot <= now) {
        this.nextSlot = Math.max(this.nextSlot, now - 1000 / limit) + 1000 / limit;
        return;
      }
      await this.sleep(this.nextSlot - now);
      await this.waitWhilePaused();
    }
  }

  /** Where the first record of a pass plays (see the module comment). */
  private anchorFor(kind: 'first' | 'loop' | 'restart', firstTime: number): number {
    const clock = this.speed === 'max' ? this.options.timeSource : this.options.clock;
    const clockNow = clock?.isStarted() ? clock.now() : null;
    if (kind === 'first') return clockNow ?? firstTime;
    const after =
      kind === 'loop'
        ? (this.lastPushed ?? firstTime) + (this.options.loopGapMs ?? DEFAULT_LOOP_GAP_MS)
        : (this.lastPushed ?? firstTime);
    return Math.max(after, clockNow ?? after);
  }

  private async play(restarted = false): Promise<void> {
    const reader = this.reader!;
    const sink = this.sink!;
    let kind: 'first' | 'loop' | 'restart' = restarted ? 'restart' : 'first';
    try {
      for (;;) {
        if (reader.total === 0 || reader.firstTime === null) break;
        let skip = 0;
        if (kind === 'first' && this.resumeFrom) {
          // A checkpoint keeps its pass and shift exactly, so recovery replays the same times.
          ({ pass: this.pass, position: skip, shiftMs: this.shiftMs } = this.resumeFrom);
          this.resumeFrom = null;
        } else {
          this.pass++;
          this.shiftMs = this.anchorFor(kind, reader.firstTime) - reader.firstTime;
        }
        this.restartRequested = false;
        this.position = skip;
        this.passStartPosition = skip;
        this.passStartedAt = this.wall.now();
        if (!this.paused) this.setState('running', null);
        try {
          await this.playPass(reader, sink, skip);
        } catch (error) {
          if (!(error instanceof PassInterrupted) || this.stopRequested) throw error;
          kind = 'restart';
          continue;
        }
        if (!this.loop) break;
        kind = 'loop';
      }
      this.emitProgress(false);
      sink.end();
      this.setState('ended', null);
    } catch (error) {
      if (error instanceof PassInterrupted) return; // stop() was called: it sets the state
      this.setState('error', (error as Error).message);
      sink.fail(error as Error);
    }
  }

  private async playPass(reader: OrderedTweetReader, sink: SourceSink<Tweet>, skip: number): Promise<void> {
    const clock = this.speed === 'max' ? undefined : this.options.clock;
    const drainEvery = this.options.drainEvery ?? 1000;
    let sinceYield = 0;
    for await (const batch of reader.records({ skip })) {
      for (const record of batch) {
        this.checkInterrupt();
        const time = record.tweet.createdAt + this.shiftMs;
        if (clock) {
          if (!clock.isStarted()) {
            clock.start(time);
            if (this.paused) clock.pause();
          }
          if (this.rateLimit !== null && ++this.sinceSpeedCheck >= 32) {
            this.sinceSpeedCheck = 0;
            this.adjustClockSpeed();
          }
          if (this.paused || time > clock.now()) await this.waitForClock(clock, time);
        } else {
          if (this.paused) await this.waitWhilePaused();
          if (this.rateLimit !== null) await this.waitForRateSlot();
        }
        if (!this.tryDeliver(sink, record, time)) await this.deliverWhenAccepted(sink, record, time);
        this.emitProgress(true);
        if (++sinceYield >= drainEvery) {
          sinceYield = 0;
          if (this.speed === 'max' && this.options.drain) await this.options.drain();
          // A macrotask turn lets timers and I/O (a stop request, progress) run between chunks.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    }
  }

  private shifted(record: OrderedRecord, time: number): Tweet {
    return this.shiftMs === 0 ? record.tweet : { ...record.tweet, createdAt: time };
  }

  /** Pushes without waiting; false when the engine refused the record (its buffer is full). */
  private tryDeliver(sink: SourceSink<Tweet>, record: OrderedRecord, time: number): boolean {
    if (!sink.push(this.shifted(record, time), time)) return false;
    if (record.profiles.length > 0) this.emit('profiles', record.profiles);
    this.position++;
    this.lastPushed = time;
    this.recentTimes[this.recentCount++ % RATE_SAMPLE] = time;
    return true;
  }

  /**
   * The engine refuses a push when its buffer for this source is full (and counts the refusal);
   * a replay can wait, so it retries the same record once processing has caught up: nothing is lost.
   */
  private async deliverWhenAccepted(
    sink: SourceSink<Tweet>,
    record: OrderedRecord,
    time: number,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      this.checkInterrupt();
      // A replay can wait: the engine's own signal for room (which also stops it counting our
      // refused pushes as drops), else the drain hook, else a growing pause.
      if (sink.whenWritable) await sink.whenWritable();
      else if (this.options.drain) await this.options.drain();
      else await this.sleep(Math.min(200, 10 * 2 ** Math.min(attempt, 4)));
      if (this.tryDeliver(sink, record, time)) return;
    }
  }
}
