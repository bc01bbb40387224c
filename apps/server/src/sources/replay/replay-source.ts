// The replay source: plays recordings under the data directory into the engine in created_at
// order, at a speed factor on the engine's replay clock or as fast as possible ('max'), with
// pause, resume, restart, loop, rate limiting (backpressure), status events and checkpoints.
// Each pass is shifted in time so engine time never goes backwards (see pass-anchor.ts); pushed
// tweets carry the shifted time in `createdAt` too, so the feed agrees with the clock. Stretches
// without tweets pass at once (replay-gaps.ts) and a repeated tweet id is played once.
// Over 400 lines: options, pacing, pass control, pass anchoring and gaps already live in their own
// modules; what stays (the source contract, controls, status and the play loop) shares its state.
import { EventLoopTurns, type SourceOffset, type SourceSink } from '@hashpulse/engine';
import type { ReplayProgress, SourceProblemReport, SourceState, SourceStatus } from '@hashpulse/protocol';
import type { Tweet } from '@hashpulse/tweets';
import {
  TweetSourceEmitter,
  type SourceCounts,
  type TweetSource,
  type TweetSourceEvents,
} from '../tweet-source.js';
import type { LineReadError } from '../../files/index.js';
import { DEFAULT_RECENT_IDS, RecentIds } from '../live/recent-ids.js';
import { ReplayConfigError, ReplayPreparationCancelledError } from './errors.js';
import { inputFilesInDataDir, type InputFile } from './input-file.js';
import { OrderedTweetReader } from './ordered-reader.js';
import type { OrderedRecord } from './ordered-record.js';
import { systemWall, type PlaybackClock, type WallTimer } from './playback-clock.js';
import {
  checkSpeed,
  parseReplayOffset,
  type ReplayOffset,
  type ReplaySourceOptions,
  type ReplaySpeed,
} from './replay-options.js';
import { passAnchor, type PassKind } from './pass-anchor.js';
import { PassControl, type Outcome } from './pass-control.js';
import { ReplayPacer } from './replay-pacer.js';
import { ReplayGaps } from './replay-gaps.js';

const DEFAULT_LOOP_GAP_MS = 1000;
const DEFAULT_PROGRESS_INTERVAL_MS = 250;
const DEFAULT_GAP_MS = 60_000;
/** Problem lines whose reasons the status carries (the counts cover all of them). */
const PROBLEMS_KEPT = 10;
/** A fast replay hands the event loop back after this much work (see playPass). */
const YIELD_AFTER_MS = 8;
/** Records between two looks at the time (a power of two). */
const YIELD_CHECK_EVERY = 32;

export class ReplaySource extends TweetSourceEmitter implements TweetSource {
  readonly kind = 'replay';
  readonly name: string;
  private readonly options: ReplaySourceOptions;
  /** The files named, each once: naming a file twice plays it once. */
  private readonly files: readonly string[];
  private readonly wall: WallTimer;
  private readonly gaps: ReplayGaps;
  /** Cancels the first pass when stop() comes during preparation. */
  private readonly preparation = new AbortController();
  private recent: RecentIds;
  private readonly pacer: ReplayPacer;
  private speed: ReplaySpeed;
  private loop: boolean;
  private reader: OrderedTweetReader | null = null;
  private preparing: Promise<OrderedTweetReader> | null = null;
  private sink: SourceSink<Tweet> | null = null;
  private playing: Promise<void> | null = null;

  private currentState: SourceState = 'idle';
  private message: string | null = null;
  private readonly control: PassControl;

  private pass = 0;
  private position = 0;
  private shiftMs = 0;
  private lastPushed: number | null = null;
  private resumeFrom: ReplayOffset | null = null;
  private passStartedAt = 0;
  private passStartPosition = 0;

  /** Counted as the reader's first pass reports them: this source is their only owner. */
  private rejected = 0;
  private skipped = 0;
  private duplicates = 0;
  private readonly problems: SourceProblemReport[] = [];
  private readonly readErrors: string[] = [];
  private readonly warnedOutOfOrder = new Set<string>();
  private lastProgressAt = Number.NEGATIVE_INFINITY;
  private progressTimer: ReturnType<typeof setInterval> | null = null;

  constructor(options: ReplaySourceOptions) {
    super();
    this.options = options;
    this.files = [...new Set(options.files)];
    this.name = options.name ?? 'replay';
    this.gaps = new ReplayGaps(options.gapMs ?? DEFAULT_GAP_MS);
    this.recent = new RecentIds(options.recentIds ?? DEFAULT_RECENT_IDS);
    this.speed = checkSpeed(options.speed);
    this.loop = options.loop ?? false;
    this.wall = options.wall ?? systemWall;
    this.control = new PassControl(this.wall);
    if (options.files.length === 0) {
      throw new ReplayConfigError('no files to replay: name at least one recording under the data directory');
    }
    if (this.speed !== 'max' && !options.clock) {
      throw new ReplayConfigError(
        `replay speed ${this.speed} needs the engine's replay clock: pass { clock } (a ReplayClock), or use speed "max" on a manual clock`,
      );
    }
    this.pacer = new ReplayPacer(this.speed, this.speed === 'max' ? undefined : options.clock, this.wall);
  }

  // ---- preparation ----------------------------------------------------------------------------

  /**
   * Resolves the files under the data directory (PathOutsideDataDirError for anything else) and
   * runs the reader's first pass, which reports every problem line (listen to `problem` before).
   * Called by start(); call it earlier to refuse bad files before wiring the source into an
   * engine context.
   */
  prepare(): Promise<OrderedTweetReader> {
    this.preparing ??= (async () => {
      const { signal } = this.preparation;
      const named: InputFile[] = await inputFilesInDataDir(this.options.dataDir, this.files);
      // Two names for one file (a path and a symlink to it) still play it once.
      const files = named.filter((file, i) => named.findIndex((other) => other.path === file.path) === i);
      if (signal.aborted) throw new ReplayPreparationCancelledError(this.files);
      const reader = await OrderedTweetReader.open(files, {
        ...this.options.reader,
        signal,
        onProblem: (problem) => {
          if (problem.kind === 'rejected') this.rejected++;
          else if (problem.kind === 'notice') this.skipped++;
          if (problem.kind !== 'warning' && this.problems.length < PROBLEMS_KEPT) {
            this.problems.push({
              file: problem.file,
              line: problem.line,
              kind: problem.kind,
              message: problem.message,
            });
          }
          this.emit('problem', problem);
        },
        onTweetTime: (time) => this.gaps.noteTweet(time),
        onReadError: (error, tweetsRead) => this.readFailed(error, tweetsRead),
        // A recording in time order plays at once; its count and span are learned as it plays.
        stream: this.options.reader?.stream ?? true,
      });
      // A stopped first pass ends quietly where it was: the reader is not the whole recording.
      if (signal.aborted) {
        await reader.close();
        throw new ReplayPreparationCancelledError(this.files);
      }
      this.reader = reader;
      return reader;
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
    if (this.control.stopRequested) return;
    // Told to the engine once: those met by the first pass now, a streamed file's when met.
    for (const scan of this.reader!.scans) if (scan.readError) sink.warn(scan.readError.message);
    this.progressTimer = setInterval(() => {
      if (!this.isFinished()) this.emitProgress(true);
    }, this.options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS);
    this.progressTimer.unref?.();
    this.playing = this.play();
  }

  async stop(): Promise<void> {
    this.control.stopRequested = true;
    this.preparation.abort();
    this.control.wake();
    // A preparation in progress ends at once (its files are closed by prepare()).
    await this.preparing?.catch(() => undefined);
    await this.playing;
    if (this.progressTimer) clearInterval(this.progressTimer);
    this.progressTimer = null;
    await this.reader?.close();
    if (this.currentState !== 'error') this.setState('stopped', null);
  }

  setRateLimit(recordsPerSecond: number | null): void {
    this.pacer.setRateLimit(recordsPerSecond);
    this.control.wake();
  }

  offset(): SourceOffset {
    const offset: ReplayOffset = {
      files: [...this.files],
      pass: this.pass,
      position: this.position,
      shiftMs: this.shiftMs,
    };
    return { ...offset };
  }

  restore(offset: SourceOffset): void {
    this.resumeFrom = parseReplayOffset(offset, this.files);
  }

  // ---- controls -------------------------------------------------------------------------------

  pause(): void {
    if (this.control.paused || this.isFinished()) return;
    this.control.paused = true;
    if (this.speed !== 'max') this.options.clock?.pause();
    this.setState('paused', null);
  }

  resume(): void {
    if (!this.control.paused) return;
    this.control.paused = false;
    if (this.speed !== 'max') this.options.clock?.resume();
    this.setState(this.playing && this.currentState !== 'ended' ? 'running' : this.currentState, null);
    this.control.wake();
  }

  /** Plays again from the first record, shifted to continue after the clock's current time. */
  restart(): void {
    if (this.control.stopRequested) return;
    if (this.control.paused) this.resume();
    if (this.currentState === 'ended' && this.sink) {
      this.playing = this.play(true);
      return;
    }
    this.control.restartRequested = true;
    this.control.wake();
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
    this.pacer.setSpeed(next);
    this.control.wake();
    this.emitProgress(false);
  }

  // ---- status ---------------------------------------------------------------------------------

  get state(): SourceState {
    return this.currentState;
  }

  progress(): ReplayProgress {
    // A streamed recording's count is known once its first pass has read it all.
    const total = this.reader?.totalKnown ? this.reader.total : null;
    return {
      files: [...this.files],
      speed: this.speed,
      loop: this.loop,
      position: this.position,
      total,
      fraction: this.fraction(total),
      etaMs: this.etaMs(total),
      clockTime: this.recordingTime(),
      pass: this.pass,
      gapMs: this.gaps.thresholdMs,
      gaps: this.gaps.list(),
      gapTimeMs: this.gaps.skippedMs,
      duplicatesDropped: this.duplicates,
      problems: this.problems.map((problem) => ({ ...problem })),
      readErrors: [...this.readErrors],
    };
  }

  counts(): SourceCounts {
    // A replay waits instead of dropping (see deliver); the engine's metrics count refused pushes.
    return { rejected: this.rejected, skipped: this.skipped, dropped: 0 };
  }

  status(): SourceStatus {
    return {
      kind: 'replay',
      state: this.currentState,
      // A truncated file is said for as long as the replay shows, unless something newer is.
      message: this.message ?? (this.readErrors.length > 0 ? this.readErrors.join('; ') : null),
      replay: this.progress(),
      live: null,
      ...this.counts(),
      updatedAt: Date.now(),
    };
  }

  /** A file that could not be read to its end: said for as long as the replay shows; what was read plays. */
  private readFailed(error: LineReadError, tweetsRead: number): void {
    this.readErrors.push(
      `${error.file} is truncated or corrupt: ${error.message.replace(`${error.file}: `, '')}; its first ${tweetsRead} tweets play`,
    );
    // Met while playing (a streamed file): the engine hears of it now; else start() tells it.
    if (this.reader !== null) this.sink?.warn(error.message);
  }

  protected listenerFailed(event: keyof TweetSourceEvents, error: unknown): void {
    // A listener's bug is reported where it happened, not turned into a replay failure.
    const message = `${this.name}: a "${event}" listener failed: ${error instanceof Error ? error.message : String(error)}`;
    if (this.sink) this.sink.warn(message);
    else console.error(`[replay] ${message}`);
  }

  /** Engine time now: the clock's, or the last record's before the clock has one. */
  private engineTime(): number | null {
    const clock = this.speed === 'max' ? this.options.timeSource : this.options.clock;
    if (clock?.isStarted()) return clock.now();
    return this.lastPushed;
  }

  /**
   * The recording's own time now playing: unshifted, never before its first tweet nor after its
   * last once that is known. Not bounded by the latest tweet read so far: the clock runs ahead of
   * it between reads, and a paused replay's time would move when the pass reads its next batch.
   */
  private recordingTime(): number | null {
    const now = this.engineTime();
    const first = this.reader?.firstTime ?? null;
    if (now === null || first === null) return null;
    const time = Math.max(first, now - this.shiftMs);
    const last = this.reader?.finalLastTime ?? null;
    return last === null ? time : Math.min(last, time);
  }

  private fraction(total: number | null): number | null {
    const reader = this.reader;
    if (reader === null) return null;
    if (total !== null) return total === 0 ? 1 : Math.min(1, this.position / total);
    // A streamed recording's first pass: its count is unknown, its bytes are not.
    const { bytesRead, totalBytes } = reader.progress();
    return totalBytes === 0 ? null : Math.min(1, bytesRead / totalBytes);
  }

  private etaMs(total: number | null): number | null {
    const reader = this.reader;
    if (reader === null || reader.lastTime === null) return null;
    if (this.isFinished() || (total !== null && this.position >= total)) return 0;
    if (this.speed !== 'max') {
      const now = this.recordingTime();
      if (now === null) return null;
      // Gaps pass at once: only recording time with tweets takes wall time. The part of a streamed
      // recording not read yet has no known gaps: it counts whole.
      const unread = Math.max(0, reader.lastTime - Math.max(now, this.gaps.latestTweet));
      return (this.gaps.busyTimeAfter(now) + unread) / this.pacer.effectiveSpeed;
    }
    if (total === null) {
      // A streamed recording's first pass: its count is unknown, its bytes are not.
      const { bytesRead, totalBytes } = reader.progress();
      const elapsed = this.wall.now() - this.passStartedAt;
      if (bytesRead <= 0 || elapsed <= 0) return null;
      return ((totalBytes - bytesRead) * elapsed) / bytesRead;
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
    this.emitStatus();
  }

  /** Progress is a status event too: throttled to one per `progressIntervalMs` unless forced. */
  private emitProgress(throttled: boolean): void {
    if (!this.reader) return;
    const interval = this.options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
    if (throttled && this.wall.now() - this.lastProgressAt < interval) return;
    this.emitStatus();
  }

  private emitStatus(): void {
    this.lastProgressAt = this.wall.now();
    this.emit('status', this.status());
  }

  // ---- playing --------------------------------------------------------------------------------

  private async play(restarted = false): Promise<void> {
    const reader = this.reader!;
    const sink = this.sink!;
    let kind: PassKind = restarted ? 'restart' : 'first';
    try {
      for (;;) {
        if (reader.firstTime === null) break;
        let skip = 0;
        if (kind === 'first' && this.resumeFrom) {
          // A later pass played streamed files in order, sorted if found out of order: settle that first.
          if (this.resumeFrom.pass > 1) await reader.finishScans(this.preparation.signal);
          // A checkpoint keeps its pass and shift exactly, so recovery replays the same times.
          ({ pass: this.pass, position: skip, shiftMs: this.shiftMs } = this.resumeFrom);
          this.resumeFrom = null;
        } else {
          this.pass++;
          const clock = this.speed === 'max' ? this.options.timeSource : this.options.clock;
          const anchor = passAnchor({
            kind,
            firstTime: reader.firstTime,
            clockNow: clock?.isStarted() ? clock.now() : null,
            lastPushed: this.lastPushed,
            loopGapMs: this.options.loopGapMs ?? DEFAULT_LOOP_GAP_MS,
          });
          this.shiftMs = anchor - reader.firstTime;
        }
        this.control.restartRequested = false;
        // Duplicates are dropped within a pass: a loop or restart plays the recording again.
        this.recent = new RecentIds(this.options.recentIds ?? DEFAULT_RECENT_IDS);
        this.position = skip;
        this.passStartPosition = skip;
        this.passStartedAt = this.wall.now();
        if (!this.control.paused) this.setState('running', null);
        if ((await this.playPass(reader, sink, skip)) === 'interrupted') {
          if (this.control.stopRequested) return; // stop() sets the state
          kind = 'restart';
          continue;
        }
        this.warnOutOfOrder(reader, sink);
        if (!this.loop) break;
        kind = 'loop';
      }
      // A virtual clock moves only with records: close the last batch and every window of the data.
      if (this.speed === 'max' && this.options.finish) await this.options.finish();
      if (this.control.stopRequested) return;
      this.emitProgress(false);
      sink.end();
      this.setState('ended', null);
    } catch (error) {
      this.setState('error', (error as Error).message);
      sink.fail(error as Error);
    }
  }

  private async playPass(
    reader: OrderedTweetReader,
    sink: SourceSink<Tweet>,
    skip: number,
  ): Promise<Outcome> {
    const clock = this.speed === 'max' ? undefined : this.options.clock;
    const drainEvery = this.options.drainEvery ?? 1000;
    let sinceDrain = 0;
    let sinceCheck = 0;
    const turns = new EventLoopTurns(YIELD_AFTER_MS);
    // Resuming: the records before the checkpoint go through the duplicate filter unplayed, so a
    // tweet repeated after the checkpoint is dropped as an uninterrupted run drops it.
    const onSkipped = (records: readonly OrderedRecord[]) => {
      for (const record of records) this.recent.seenBefore(record.tweet.id);
    };
    for await (const batch of reader.records({ skip, onSkipped })) {
      for (const record of batch) {
        if (this.control.interrupted) return 'interrupted';
        if (this.recent.seenBefore(record.tweet.id)) {
          // Counted as played (a checkpoint's position skips it too), never pushed.
          this.duplicates++;
          this.position++;
          continue;
        }
        const time = record.tweet.createdAt + this.shiftMs;
        let waited: Outcome = 'done';
        if (clock) {
          if (!clock.isStarted()) {
            clock.start(time);
            if (this.control.paused) clock.pause();
          }
          this.pacer.beforeTimedRecord();
          if (this.control.paused) waited = await this.control.waitWhilePaused();
          if (waited === 'done') {
            this.passGap(time, clock);
            if (time > clock.now())
              waited = await this.control.waitForClock(clock, time, () => this.pacer.effectiveSpeed);
          }
        } else {
          this.passGap(time, null);
          if (this.control.paused) waited = await this.control.waitWhilePaused();
          if (waited === 'done' && this.pacer.rateLimit !== null)
            waited = await this.control.waitForSlot(() => this.pacer.claimSlot());
        }
        if (waited === 'interrupted') return 'interrupted';
        if (!this.tryDeliver(sink, record, time) && !(await this.deliverWhenAccepted(sink, record, time)))
          return 'interrupted';
        this.emitProgress(true);
        let yieldNow = false;
        if (++sinceDrain >= drainEvery) {
          sinceDrain = 0;
          if (this.speed === 'max' && this.options.drain) await this.options.drain();
          yieldNow = true;
        } else if ((++sinceCheck & (YIELD_CHECK_EVERY - 1)) === 0) {
          yieldNow = turns.due();
        }
        // A macrotask turn every few milliseconds of work (and every `drainEvery` records) lets
        // timers and I/O (a health check, a stop request, a socket handshake) run while a fast
        // replay decodes and pushes.
        if (yieldNow) await turns.take();
      }
    }
    return 'done';
  }

  /** Once, after the pass that found them: a streamed file's tweets that came after later ones. */
  private warnOutOfOrder(reader: OrderedTweetReader, sink: SourceSink<Tweet>): void {
    for (const scan of reader.scans) {
      if (!scan.streamed || scan.outOfOrder === 0 || this.warnedOutOfOrder.has(scan.name)) continue;
      this.warnedOutOfOrder.add(scan.name);
      const tweets = scan.outOfOrder === 1 ? 'a tweet' : `${scan.outOfOrder} tweets`;
      const message = `${scan.name}: ${tweets} came after later ones (the file is in time order only at its start) and played late, in the batch open when met; later passes play the file sorted`;
      this.readErrors.push(message);
      sink.warn(message);
    }
  }

  /**
   * A record more than the gap threshold after the previous one: the time between passes at once.
   * On the replay clock it jumps to the record; the engine skips the empty batches no window needs.
   */
  private passGap(time: number, clock: PlaybackClock | null): void {
    const previous = this.lastPushed;
    if (previous === null || !this.gaps.isGap(previous, time)) return;
    if (clock !== null) {
      if (time <= clock.now()) return;
      clock.start(time);
    }
    this.gaps.passed(previous, time);
  }

  private shifted(record: OrderedRecord, time: number): Tweet {
    return this.shiftMs === 0 ? record.tweet : { ...record.tweet, createdAt: time };
  }

  /** Pushes without waiting; false when the engine refused the record (its buffer is full). */
  private tryDeliver(sink: SourceSink<Tweet>, record: OrderedRecord, time: number): boolean {
    if (!sink.push(this.shifted(record, time), time)) return false;
    if (record.profiles.length > 0) this.emit('profiles', record.profiles, time);
    this.position++;
    this.lastPushed = time;
    this.pacer.pushed(time);
    return true;
  }

  /**
   * The engine refuses a push when its buffer for this source is full (and counts the refusal);
   * a replay can wait, so it retries the same record once processing has caught up: nothing is
   * lost. False when stop() or restart() interrupted the wait.
   */
  private async deliverWhenAccepted(
    sink: SourceSink<Tweet>,
    record: OrderedRecord,
    time: number,
  ): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      if (this.control.interrupted) return false;
      // A replay can wait: the engine's own signal for room (which also stops it counting our
      // refused pushes as drops), else the drain hook, else a growing pause.
      if (sink.whenWritable) await sink.whenWritable();
      else if (this.options.drain) await this.options.drain();
      else await this.control.sleep(Math.min(200, 10 * 2 ** Math.min(attempt, 4)));
      if (this.tryDeliver(sink, record, time)) return true;
    }
  }
}
