// The live X API v2 source: the filtered or sample stream through twitter-api-v2, decoded into
// Tweets, reconnected by X's rules, one connection at a time, each tweet delivered once.
//
// Reconnects are driven here, not by the library's autoReconnect: the library has one retry
// schedule for every failure and treats HTTP 4xx/5xx, 429 and dropped sockets alike, waits on
// real timers, cannot stop for good on a 401, and on reconnect destroys the old request without
// waiting for its socket to close, so a fast retry can hold two connections (the 429
// "TooManyConnections" lock-out users report). The library's 120 s keep-alive timeout is
// replaced by our stall detector too (X sends a keep-alive every 20 s; we give up after 30 s).
import type { SourceSink } from '@hashpulse/engine';
import type { SourceStatus } from '@hashpulse/protocol';
import type { Tweet } from '@hashpulse/tweets';
import { DEFAULT_MAX_LINE_BYTES } from '../../files/index.js';
import {
  TweetSourceEmitter,
  type SourceCounts,
  type TweetSource,
  type TweetSourceEvents,
} from '../tweet-source.js';
import { LiveSourceConfigError } from './errors.js';
import { LineTweetStream } from './line-tweet-stream.js';
import { systemLiveClock, type LiveClock } from './live-clock.js';
import { LiveStatusBoard } from './live-status.js';
import { DEFAULT_RECENT_IDS, RecentIds } from './recent-ids.js';
import { ReconnectSchedule, type ReconnectScheduleConfig } from './reconnect-schedule.js';
import { StreamAgent } from './stream-agent.js';
import { classifyConnectError, type StreamFailure } from './stream-failure.js';
import { StreamIntake } from './stream-intake.js';
import { streamQuery } from './stream-params.js';
import { StreamRules } from './stream-rules.js';
import { createXClient, xTlsOptions, type XApiV2, type XConnection } from './x-client.js';

export type LiveStream = 'filtered' | 'sample';

/** The connection (bearer token, base URL, extra CAs) and how to read the stream. */
export interface LiveSourceOptions extends XConnection {
  /** Name in metrics and warnings (default "live"). */
  name?: string;
  /** The filtered stream (rules decide what arrives) or the 1% sample stream. */
  stream: LiveStream;
  /** A connection with no data and no keep-alive for this long is dropped and reopened (default 30 s). */
  stallTimeoutMs?: number;
  /** Overrides of X's reconnect rules. */
  schedule?: Partial<ReconnectScheduleConfig>;
  /** Time, retry waits and the stall timer (default: the system clock). */
  clock?: LiveClock;
  /** A message longer than this is skipped in bounded memory and counted as rejected (default 16 MiB). */
  maxMessageBytes?: number;
  /** How many recent tweet ids to remember to drop repeats (default 100 000). */
  recentIds?: number;
  /** Ask X to replay this many minutes missed while disconnected (Pro/Enterprise only). */
  backfillMinutes?: number;
  /**
   * The time a tweet is pushed with: its arrival on the context clock (default, for the system
   * clock), or its created_at (for a manual clock: results then equal a replay of the recording).
   */
  eventTime?: 'arrival' | 'created-at';
}

const DEFAULT_STALL_TIMEOUT_MS = 30_000;

/**
 * Pushes one `Tweet` per stream tweet (not raw lines): deduplication by id needs the decoded
 * tweet, and the engine then counts tweets, not messages. Everything else is emitted (see
 * TweetSourceEvents): `profiles` (includes.users, for the profile store), `message` (the exact
 * text of each stream message it accepted, for the recorder), `problem` (rejected messages and
 * notices) and `status` (SourceStatus, `live` part; on state changes and reports, while
 * `status()` and `counts()` also have the current counters).
 * There is no setRateLimit: a live stream cannot be slowed, the engine buffers and then drops.
 */
export class LiveSource extends TweetSourceEmitter implements TweetSource {
  readonly kind = 'live';
  readonly name: string;
  /** The filtered stream's rules, with the same token, base URL and CA as the stream. */
  readonly rules: StreamRules;

  /** Which stream it reads. */
  readonly stream: LiveStream;
  private readonly backfillMinutes: number | undefined;
  private readonly clock: LiveClock;
  private readonly stallTimeoutMs: number;
  private readonly maxMessageBytes: number;
  private readonly schedule: ReconnectSchedule;
  private readonly streamAgent: StreamAgent;
  private readonly streamClient: XApiV2;
  private readonly board: LiveStatusBoard;
  private readonly intake: StreamIntake;
  private sink: SourceSink<Tweet> | undefined;
  private abort: AbortController | undefined;
  private loop: Promise<void> | undefined;

  constructor(options: LiveSourceOptions) {
    super();
    if (options.stream !== 'filtered' && options.stream !== 'sample') {
      throw new LiveSourceConfigError(
        `unknown stream "${String(options.stream)}": use "filtered" or "sample"`,
      );
    }
    const stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
    if (!(stallTimeoutMs > 0)) {
      throw new LiveSourceConfigError(
        `stall timeout ${stallTimeoutMs} ms must be positive (X's keep-alives come every 20 s)`,
      );
    }
    this.name = options.name ?? 'live';
    this.stream = options.stream;
    this.backfillMinutes = options.backfillMinutes;
    this.clock = options.clock ?? systemLiveClock;
    this.stallTimeoutMs = stallTimeoutMs;
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_LINE_BYTES;
    if (!(this.maxMessageBytes > 0)) {
      throw new LiveSourceConfigError(
        `maxMessageBytes ${this.maxMessageBytes} must be a positive number of bytes`,
      );
    }
    this.schedule = new ReconnectSchedule(options.schedule);
    this.streamAgent = new StreamAgent(xTlsOptions(options.ca));
    this.streamClient = createXClient({
      bearerToken: options.bearerToken,
      ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
      agent: this.streamAgent,
    });
    this.rules = StreamRules.connect(options);
    this.board = new LiveStatusBoard(
      options.stream,
      () => this.clock.now(),
      (status) => this.emit('status', status),
    );
    this.intake = new StreamIntake({
      recent: new RecentIds(options.recentIds ?? DEFAULT_RECENT_IDS),
      status: this.board,
      profiles: (profiles) => this.emit('profiles', profiles),
      message: (text) => this.emit('message', text),
      problem: (problem) => this.emit('problem', problem),
      warn: (message) => this.warn(message),
      createdAtTime: options.eventTime === 'created-at',
    });
  }

  /** The latest status (a copy). */
  status(): SourceStatus {
    return this.board.get();
  }

  counts(): SourceCounts {
    return this.board.counts;
  }

  start(sink: SourceSink<Tweet>): void {
    if (this.loop) throw new LiveSourceConfigError(`source "${this.name}" is already started; stop it first`);
    this.sink = sink;
    this.abort = new AbortController();
    this.loop = this.run(this.abort.signal).catch((error: unknown) => {
      // A bug in this loop: report it where it can be acted on instead of crashing the process.
      const message = `live source stopped by an unexpected error: ${error instanceof Error ? error.stack : String(error)}`;
      this.board.update({ state: 'error', message });
      sink.warn(message);
    });
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.streamAgent.closeAll();
    await this.loop;
    this.loop = undefined;
    if (this.board.state !== 'error')
      this.board.update({ state: 'stopped', message: null, nextRetryAt: null });
  }

  private async run(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    while (!signal.aborted) {
      // Never two connections: the previous socket is closed, not just asked to close.
      await this.streamAgent.closeAll();
      if (signal.aborted) break;
      this.board.update({ state: 'connecting', reconnectAttempt: attempt, nextRetryAt: null });
      const failure = await this.connectOnce(signal, () => {
        attempt = 0;
      });
      if (failure.kind === 'stopped' || signal.aborted) break;
      if (failure.kind === 'fatal') {
        this.board.update({ state: 'error', message: failure.message, nextRetryAt: null });
        this.warn(`${failure.message}; the live source has stopped`);
        break;
      }
      attempt += 1;
      await this.waitToReconnect(failure, attempt, signal);
    }
    await this.streamAgent.closeAll();
  }

  /** Reports the failure and the retry, then waits the time X's rules ask for. */
  private async waitToReconnect(
    failure: Exclude<StreamFailure, { kind: 'stopped' } | { kind: 'fatal' }>,
    attempt: number,
    signal: AbortSignal,
  ): Promise<void> {
    const now = this.clock.now();
    const resetAt = failure.kind === 'rate-limit' ? failure.resetAt : null;
    const delay =
      failure.kind === 'rate-limit'
        ? this.schedule.next('rate-limit', resetAt === null ? 0 : Math.max(0, resetAt - now))
        : this.schedule.next(failure.kind);
    if (failure.kind === 'network' && failure.stalled)
      this.board.update({ state: 'stalled', message: failure.message });
    let message = `${failure.message}; reconnect attempt ${attempt} in ${formatDelay(delay)}`;
    if (resetAt !== null) message += `; X says the limit resets at ${new Date(resetAt).toISOString()}`;
    this.board.update({
      state: failure.kind === 'rate-limit' ? 'rate-limited' : 'reconnecting',
      message,
      reconnectAttempt: attempt,
      nextRetryAt: now + delay,
      ...(failure.kind === 'rate-limit' ? { rateLimitResetAt: resetAt } : {}),
    });
    this.warn(message);
    await this.clock.sleep(delay, signal);
  }

  /** Opens one connection and resolves with why it ended. `healthy` runs on its first tweet or keep-alive. */
  private connectOnce(signal: AbortSignal, healthy: () => void): Promise<StreamFailure> {
    return new Promise<StreamFailure>((resolve) => {
      let settled = false;
      let provedHealthy = false;
      let cancelStall: () => void = () => undefined;
      const finish = (failure: StreamFailure): void => {
        if (settled) return;
        settled = true;
        cancelStall();
        signal.removeEventListener('abort', onAbort);
        stream.close();
        resolve(failure);
      };
      const armStall = (): void => {
        cancelStall();
        cancelStall = this.clock.timer(this.stallTimeoutMs, () => {
          // Also covers a server that accepted the request and never answered it.
          void this.streamAgent.closeAll();
          finish({
            kind: 'network',
            stalled: true,
            message: `stream stalled: no data or keep-alive for ${formatDelay(this.stallTimeoutMs)}`,
          });
        });
      };
      const alive = (): void => {
        armStall();
        if (provedHealthy) return;
        provedHealthy = true;
        this.schedule.reset();
        healthy();
        this.board.update({ reconnectAttempt: 0, rateLimitResetAt: null, message: null });
      };
      const onAbort = (): void => {
        void this.streamAgent.closeAll();
        finish({ kind: 'stopped' });
      };

      const query = { ...streamQuery(this.backfillMinutes), autoConnect: false as const };
      const prepared =
        this.stream === 'filtered'
          ? this.streamClient.searchStream(query)
          : this.streamClient.sampleStream(query);
      const stream = LineTweetStream.adopt(
        prepared,
        {
          keepAlive: alive,
          oversized: () => {
            if (!settled) this.intake.receiveOversized(this.maxMessageBytes);
          },
          line: (text) => {
            if (settled) return;
            const outcome = this.intake.receive(text, this.sink);
            if (outcome.kind === 'tweets') alive();
            if (outcome.kind === 'disconnect') {
              finish({
                kind: 'network',
                stalled: false,
                message: `X disconnected the stream (${outcome.message})`,
              });
            }
          },
          closed: (error) =>
            finish({ kind: 'network', stalled: false, message: `stream connection lost (${error.message})` }),
        },
        this.maxMessageBytes,
      );
      signal.addEventListener('abort', onAbort, { once: true });
      armStall();
      stream.connect({ autoReconnect: false, keepAliveTimeout: 'disable' }).then(
        () => {
          if (settled) return stream.close();
          this.board.update({ state: 'connected', nextRetryAt: null });
        },
        (error: unknown) => finish(classifyConnectError(error)),
      );
    });
  }

  private warn(message: string): void {
    this.sink?.warn(`${this.name}: ${message}`);
  }

  protected listenerFailed(event: keyof TweetSourceEvents, error: unknown): void {
    // A failing listener (recorder, profile store) must not stop the stream; it is reported.
    this.warn(`a "${event}" listener failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(3))} s`;
}
