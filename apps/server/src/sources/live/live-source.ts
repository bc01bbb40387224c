// The live X API v2 source: the filtered or sample stream through twitter-api-v2, decoded into
// Tweets, reconnected by X's rules, one connection at a time, each tweet delivered once.
//
// Reconnects are driven here, not by the library's autoReconnect: the library has one retry
// schedule for every failure and treats HTTP 4xx/5xx, 429 and dropped sockets alike, waits on
// real timers, cannot stop for good on a 401, and on reconnect destroys the old request without
// waiting for its socket to close, so a fast retry can hold two connections (the 429
// "TooManyConnections" lock-out users report). The library's 120 s keep-alive timeout is
// replaced by our stall detector too (X sends a keep-alive every 20 s; we give up after 30 s).
import type { SourceSink, Source } from '@hashpulse/engine';
import type { SourceStatus } from '@hashpulse/protocol';
import { decodeLine, decodeRecord, type DecodedLine, type Profile, type Tweet } from '@hashpulse/tweets';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { LiveSourceConfigError } from './errors';
import { systemLiveClock, type LiveClock } from './live-clock';
import { LineTweetStream } from './line-tweet-stream';
import { ReconnectSchedule, type ReconnectScheduleConfig } from './reconnect-schedule';
import { RecentIds } from './recent-ids';
import { StreamAgent } from './stream-agent';
import { classifyConnectError, type StreamFailure } from './stream-failure';
import { streamQuery } from './stream-params';
import { StreamRules } from './stream-rules';
import { createXClient, type XApiV2 } from './x-client';

export type LiveStream = 'filtered' | 'sample';

export interface LiveSourceOptions {
  /** Name in metrics and warnings (default "live"). */
  name?: string;
  /** The filtered stream (rules decide what arrives) or the 1% sample stream. */
  stream: LiveStream;
  /** X_BEARER_TOKEN. */
  bearerToken: string;
  /** X_API_BASE_URL (default https://api.x.com/2/). */
  baseUrl?: string;
  /** Extra CA certificates to trust (PEM), e.g. a test server's; the system CAs stay trusted otherwise. */
  ca?: string | Buffer | (string | Buffer)[];
  /** A connection with no data and no keep-alive for this long is dropped and reopened (default 30 s). */
  stallTimeoutMs?: number;
  /** Overrides of X's reconnect rules. */
  schedule?: Partial<ReconnectScheduleConfig>;
  /** Time, retry waits and the stall timer (default: the system clock). */
  clock?: LiveClock;
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

type Listener<T> = (value: T) => void;

const DEFAULT_STALL_TIMEOUT_MS = 30_000;
const DEFAULT_RECENT_IDS = 100_000;

/**
 * Pushes one `Tweet` per stream tweet (not raw lines): deduplication by id needs the decoded
 * tweet, and the engine then counts tweets, not messages. Everything else is offered to
 * listeners: `onProfiles` (includes.users, for the profile store), `onMessage` (the exact text of
 * each stream message it accepted, for the recorder) and `onStatus` (SourceStatus, `live` part).
 * There is no setRateLimit: a live stream cannot be slowed, the engine buffers and then drops.
 */
export class LiveSource implements Source<Tweet> {
  readonly name: string;
  /** The filtered stream's rules, with the same token, base URL and CA as the stream. */
  readonly rules: StreamRules;

  private readonly options: LiveSourceOptions;
  private readonly clock: LiveClock;
  private readonly stallTimeoutMs: number;
  private readonly schedule: ReconnectSchedule;
  private readonly recent: RecentIds;
  private readonly streamAgent: StreamAgent;
  private readonly streamClient: XApiV2;
  private readonly statusListeners = new Set<Listener<SourceStatus>>();
  private readonly profileListeners = new Set<Listener<Profile[]>>();
  private readonly messageListeners = new Set<Listener<string>>();
  private sink: SourceSink<Tweet> | undefined;
  private abort: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private lineNumber = 0;
  private current: SourceStatus & { live: LiveStatus };

  constructor(options: LiveSourceOptions) {
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
    this.options = options;
    this.name = options.name ?? 'live';
    this.clock = options.clock ?? systemLiveClock;
    this.stallTimeoutMs = stallTimeoutMs;
    this.schedule = new ReconnectSchedule(options.schedule);
    this.recent = new RecentIds(options.recentIds ?? DEFAULT_RECENT_IDS);
    const tls = options.ca === undefined ? {} : { ca: withSystemCas(options.ca) };
    this.streamAgent = new StreamAgent(tls);
    this.streamClient = createXClient({
      bearerToken: options.bearerToken,
      baseUrl: options.baseUrl,
      agent: this.streamAgent,
    });
    this.rules = new StreamRules(
      createXClient({
        bearerToken: options.bearerToken,
        baseUrl: options.baseUrl,
        agent: new https.Agent(tls),
      }),
    );
    this.current = {
      kind: 'live',
      state: 'idle',
      message: null,
      replay: null,
      live: {
        stream: options.stream,
        reconnectAttempt: 0,
        nextRetryAt: null,
        rateLimitResetAt: null,
        duplicatesDropped: 0,
      },
      rejected: 0,
      skipped: 0,
      dropped: 0,
      updatedAt: this.clock.now(),
    };
  }

  /** The latest status (a copy). */
  status(): SourceStatus {
    return structuredClone(this.current);
  }

  onStatus(listener: Listener<SourceStatus>): () => void {
    return subscribe(this.statusListeners, listener);
  }

  onProfiles(listener: Listener<Profile[]>): () => void {
    return subscribe(this.profileListeners, listener);
  }

  /** Each stream message the source accepted, as X sent it (one JSON text, no line break). */
  onMessage(listener: Listener<string>): () => void {
    return subscribe(this.messageListeners, listener);
  }

  start(sink: SourceSink<Tweet>): void {
    if (this.loop) throw new LiveSourceConfigError(`source "${this.name}" is already started; stop it first`);
    this.sink = sink;
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.loop = this.run(signal).catch((error: unknown) => {
      // A bug in this loop: report it where it can be acted on instead of crashing the process.
      const message = `live source stopped by an unexpected error: ${error instanceof Error ? error.stack : String(error)}`;
      this.update({ state: 'error', message });
      sink.warn(message);
    });
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.streamAgent.closeAll();
    await this.loop;
    this.loop = undefined;
    if (this.current.state !== 'error') this.update({ state: 'stopped', message: null, nextRetryAt: null });
  }

  private async run(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    while (!signal.aborted) {
      // Never two connections: the previous socket is closed, not just asked to close.
      await this.streamAgent.closeAll();
      if (signal.aborted) break;
      this.update({ state: 'connecting', reconnectAttempt: attempt, nextRetryAt: null });
      const failure = await this.connectOnce(signal, () => {
        attempt = 0;
      });
      if (failure.kind === 'stopped' || signal.aborted) break;
      if (failure.kind === 'fatal') {
        this.update({ state: 'error', message: failure.message, nextRetryAt: null });
        this.warn(`${failure.message}; the live source has stopped`);
        break;
      }
      attempt += 1;
      const now = this.clock.now();
      const resetAt = failure.kind === 'rate-limit' ? failure.resetAt : null;
      const delay =
        failure.kind === 'rate-limit'
          ? this.schedule.next('rate-limit', resetAt === null ? 0 : Math.max(0, resetAt - now))
          : this.schedule.next(failure.kind);
      if (failure.kind === 'network' && failure.stalled)
        this.update({ state: 'stalled', message: failure.message });
      const retryAt = now + delay;
      const message = `${failure.message}; reconnect attempt ${attempt} in ${formatDelay(delay)}`;
      this.update({
        state: failure.kind === 'rate-limit' ? 'rate-limited' : 'reconnecting',
        message:
          resetAt === null
            ? message
            : `${message}; X says the limit resets at ${new Date(resetAt).toISOString()}`,
        reconnectAttempt: attempt,
        nextRetryAt: retryAt,
        ...(failure.kind === 'rate-limit' ? { rateLimitResetAt: resetAt } : {}),
      });
      this.warn(this.current.message ?? message);
      await this.clock.sleep(delay, signal);
    }
    await this.streamAgent.closeAll();
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
        if (!provedHealthy) {
          provedHealthy = true;
          this.schedule.reset();
          healthy();
          this.update({ reconnectAttempt: 0, rateLimitResetAt: null, message: null });
        }
      };
      const onAbort = (): void => {
        void this.streamAgent.closeAll();
        finish({ kind: 'stopped' });
      };

      const query = streamQuery(this.options.backfillMinutes);
      const prepared =
        this.options.stream === 'filtered'
          ? this.streamClient.searchStream({ ...query, autoConnect: false })
          : this.streamClient.sampleStream({ ...query, autoConnect: false });
      const stream = LineTweetStream.adopt(prepared, {
        keepAlive: alive,
        line: (text) => {
          if (settled) return;
          const ended = this.receive(text, alive);
          if (ended) finish(ended);
        },
        closed: (error) =>
          finish({ kind: 'network', stalled: false, message: `stream connection lost (${error.message})` }),
      });
      signal.addEventListener('abort', onAbort, { once: true });
      armStall();
      stream.connect({ autoReconnect: false, keepAliveTimeout: 'disable' }).then(
        () => {
          if (settled) return stream.close();
          this.update({ state: 'connected', nextRetryAt: null });
        },
        (error: unknown) => finish(classifyConnectError(error)),
      );
    });
  }

  /** Handles one stream message; returns a failure when the message ends the connection. */
  private receive(text: string, alive: () => void): StreamFailure | undefined {
    const lineNumber = ++this.lineNumber;
    let record: unknown;
    let decoded: DecodedLine;
    try {
      record = JSON.parse(text);
      decoded = decodeRecord(record, lineNumber);
    } catch {
      decoded = decodeLine(text, lineNumber);
    }
    if (decoded.kind === 'rejected') {
      this.update({ rejected: this.current.rejected + 1 }, false);
      this.emit(this.messageListeners, text);
      this.warn(`live stream message ${lineNumber} rejected: ${decoded.reason}`);
      return undefined;
    }
    if (decoded.kind === 'notice') {
      this.update({ skipped: this.current.skipped + 1 }, false);
      this.emit(this.messageListeners, text);
      if (decoded.notice !== 'error') return undefined;
      if (isOperationalDisconnect(record)) {
        return { kind: 'network', stalled: false, message: `X disconnected the stream (${decoded.message})` };
      }
      this.update({ message: `X API stream error: ${decoded.message}` });
      this.warn(`X API stream error: ${decoded.message}`);
      return undefined;
    }
    alive();
    const fresh = decoded.tweets.filter((tweet) => !this.recent.seenBefore(tweet.id));
    const duplicates = decoded.tweets.length - fresh.length;
    if (duplicates > 0) {
      this.update({ duplicatesDropped: this.current.live.duplicatesDropped + duplicates }, false);
    }
    if (fresh.length === 0 && decoded.tweets.length > 0) return undefined;
    this.emit(this.messageListeners, text);
    if (decoded.profiles.length > 0) this.emit(this.profileListeners, decoded.profiles);
    for (const warning of decoded.warnings ?? []) this.warn(`live stream message ${lineNumber}: ${warning}`);
    const sink = this.sink;
    if (!sink) return undefined;
    let dropped = 0;
    for (const tweet of fresh) {
      const accepted =
        this.options.eventTime === 'created-at' ? sink.push(tweet, tweet.createdAt) : sink.push(tweet);
      if (!accepted) dropped += 1;
    }
    if (dropped > 0) this.update({ dropped: this.current.dropped + dropped }, false);
    return undefined;
  }

  private warn(message: string): void {
    this.sink?.warn(`${this.name}: ${message}`);
  }

  private emit<T>(listeners: Set<Listener<T>>, value: T): void {
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (error) {
        // A failing listener (recorder, profile store) must not stop the stream; it is reported.
        this.warn(`a listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /**
   * Applies a change to the status. Listeners hear about state changes and reports; counter-only
   * changes (duplicates, rejects, drops) are kept quiet, so an overloaded engine dropping every
   * tweet does not also flood the listeners; status() always has the current counts.
   */
  private update(change: StatusChange, notify = true): void {
    const { state, message, rejected, skipped, dropped, ...live } = change;
    const now = this.current;
    this.current = {
      ...now,
      state: state ?? now.state,
      message: message === undefined ? now.message : message,
      rejected: rejected ?? now.rejected,
      skipped: skipped ?? now.skipped,
      dropped: dropped ?? now.dropped,
      live: { ...now.live, ...live },
      updatedAt: this.clock.now(),
    };
    if (notify) this.emit(this.statusListeners, this.status());
  }
}

type LiveStatus = NonNullable<SourceStatus['live']>;
type StatusChange = Partial<Pick<SourceStatus, 'state' | 'message' | 'rejected' | 'skipped' | 'dropped'>> &
  Partial<LiveStatus>;

function subscribe<T>(listeners: Set<Listener<T>>, listener: Listener<T>): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `ca` replaces Node's trust store, so the bundled public roots are kept next to the extra CAs. */
function withSystemCas(ca: string | Buffer | (string | Buffer)[]): (string | Buffer)[] {
  return [...rootCertificates, ...(Array.isArray(ca) ? ca : [ca])];
}

function isOperationalDisconnect(record: unknown): boolean {
  if (typeof record !== 'object' || record === null) return false;
  const errors = (record as { errors?: unknown }).errors;
  return (
    Array.isArray(errors) &&
    errors.some((error: unknown) => {
      const e = error as { title?: unknown; disconnect_type?: unknown } | null;
      return e?.title === 'operational-disconnect' || e?.disconnect_type === 'OperationalDisconnect';
    })
  );
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(3))} s`;
}
