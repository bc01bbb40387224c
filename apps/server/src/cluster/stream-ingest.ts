// The ingest node's sink: what a source pushes is appended to the partition streams (by tweet id),
// with a time mark in every partition when a new batch interval starts, so workers close batches
// of partitions that got no tweet. Appends are pipelined; a source that can wait (a replay) waits
// for them while too many are in flight. A live source's records take the wall clock's time, and
// marks follow the wall clock too while no tweet comes, so a quiet stream's batches still close.
import type { SourceSink } from '@hashpulse/engine';
import type { Profile, Tweet } from '@hashpulse/tweets';
import type { Redis } from 'ioredis';
import { partitionOf, type ClusterKeys } from './cluster-keys.js';
import { endFields, markFields, profilesFields, recordFields } from './stream-entry.js';

export interface StreamIngestOptions {
  keys: ClusterKeys;
  batchIntervalMs: number;
  /** XADD MAXLEN ~ per partition stream. */
  maxLen: number;
  /** The source's position of the record being pushed, carried in its entry. */
  offset: () => string;
  onWarning: (message: string) => void;
  onFailure: (error: Error) => void;
  /** Appends in flight before a waiting source is held back. Default 2,000. */
  maxInFlight?: number;
  /**
   * A live source's time: records without a time of their own are pushed at this clock's time,
   * and each new batch interval on it is marked even when no record comes (`close()` ends the
   * marks). Without it a record's time defaults to the last record's (a replay's event time).
   */
  wallClock?: () => number;
}

/** How often the wall clock is looked at for a new batch interval, as a share of the interval. */
const MARK_CHECKS_PER_INTERVAL = 4;

export class StreamIngest implements SourceSink<Tweet> {
  private readonly seq: number[];
  private lastMark = Number.NEGATIVE_INFINITY;
  private lastTime: number | null = null;
  private markTimer: ReturnType<typeof setInterval> | null = null;
  private inFlight = 0;
  private waiters: Array<() => void> = [];
  private readonly maxInFlight: number;
  /** Records appended so far. */
  appended = 0;
  /** Appends Redis refused (not an outage: those wait). */
  failed = 0;
  ended = false;
  private resolveDone!: () => void;
  /** Resolves once the source ended and every entry, end entries included, is in Redis. */
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));

  constructor(
    private readonly redis: Redis,
    private readonly options: StreamIngestOptions,
  ) {
    this.seq = new Array<number>(options.keys.partitions).fill(0);
    this.maxInFlight = options.maxInFlight ?? 2000;
  }

  /**
   * Continues each partition's entry numbers after what the streams already hold (a restart);
   * then, on a wall clock, the marks begin (their numbers follow those).
   */
  async init(): Promise<void> {
    const { keys } = this.options;
    for (let p = 0; p < keys.partitions; p++) {
      const last = (await this.redis.xrevrange(keys.records(p), '+', '-', 'COUNT', 1)) as Array<
        [string, string[]]
      >;
      const fields = last[0]?.[1] ?? [];
      const n = Number(fields[fields.indexOf('n') + 1]);
      this.seq[p] = fields.includes('n') && Number.isSafeInteger(n) ? n : 0;
    }
    const clock = this.options.wallClock;
    if (clock !== undefined && this.markTimer === null && !this.ended) {
      const every = Math.max(1, this.options.batchIntervalMs / MARK_CHECKS_PER_INTERVAL);
      this.markTimer = setInterval(() => this.mark(clock()), every);
      this.markTimer.unref();
    }
  }

  push(tweet: Tweet, time: number = this.now()): boolean {
    const { keys } = this.options;
    this.mark(time);
    const p = partitionOf(tweet.id, keys.partitions);
    this.append(p, recordFields(++this.seq[p]!, time, this.options.offset(), tweet));
    this.appended++;
    this.lastTime = time;
    return true;
  }

  /**
   * Profiles the stream carried with the record just pushed (includes.users): to every partition,
   * after that record, so each worker's store holds them for the lookups of the batches after, as
   * one process's store would.
   */
  profiles(profiles: readonly Profile[]): void {
    for (let p = 0; p < this.options.keys.partitions; p++)
      this.append(p, profilesFields(++this.seq[p]!, profiles));
  }

  whenWritable(): Promise<void> {
    if (this.inFlight < this.maxInFlight) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Resolves once every append so far is in Redis. */
  async flushed(): Promise<void> {
    while (this.inFlight > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  now(): number {
    return this.options.wallClock?.() ?? this.lastTime ?? Date.now();
  }

  /**
   * Every partition is told that no record before the batch interval `time` falls in will follow
   * (once per interval): workers close the batches before it, with or without tweets.
   */
  mark(time: number): void {
    const { keys, batchIntervalMs } = this.options;
    const mark = Math.floor(time / batchIntervalMs) * batchIntervalMs;
    if (mark <= this.lastMark || this.ended) return;
    this.lastMark = mark;
    for (let p = 0; p < keys.partitions; p++) this.append(p, markFields(++this.seq[p]!, mark));
  }

  /** No more wall-clock marks (the source stopped); what was appended stays. */
  close(): void {
    if (this.markTimer !== null) clearInterval(this.markTimer);
    this.markTimer = null;
  }

  warn(message: string): void {
    this.options.onWarning(message);
  }

  fail(error: Error): void {
    this.options.onFailure(error);
  }

  /** The source has nothing more: every partition gets an end entry, so the last batches close. */
  end(): void {
    if (this.ended) return;
    this.close();
    this.ended = true;
    for (let p = 0; p < this.options.keys.partitions; p++) this.append(p, endFields(++this.seq[p]!));
    void this.flushed().then(this.resolveDone);
  }

  private append(partition: number, fields: string[]): void {
    this.inFlight++;
    this.redis
      .xadd(this.options.keys.records(partition), 'MAXLEN', '~', this.options.maxLen, '*', ...fields)
      .catch((error: Error) => {
        this.failed++;
        this.options.onWarning(`cannot append to partition ${partition}: ${error.message}`);
      })
      .finally(() => {
        this.inFlight--;
        if (this.inFlight < this.maxInFlight / 2 || this.inFlight === 0) {
          const waiters = this.waiters;
          this.waiters = [];
          for (const wake of waiters) wake();
        }
      });
  }
}
