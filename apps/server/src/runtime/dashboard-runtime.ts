// What the HTTP and socket layer may ask of the running analytics: the one seam between the
// server (fastify, socket.io) and the engine, job and sources behind it.
import type { EventEmitter } from 'node:events';
import type { HistoryTierStats } from '@hashpulse/engine';
import type {
  BatchMetrics,
  DataFile,
  FeedTweet,
  HashtagDetail,
  PublicConfig,
  ReplaySpeed,
  ReplayStartRequestSchema,
  ServiceHealth,
  Snapshot,
  SourceStatus,
  StreamRule,
  WindowConfig,
  WindowUpdate,
  z,
} from '@hashpulse/protocol';
import { HashpulseError } from '../errors.js';

export type ReplayStart = z.output<typeof ReplayStartRequestSchema>;

/** The status of a runtime (or ingest node) with no source yet: nothing played, nothing counted. */
export function idleStatus(): SourceStatus {
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

export interface RuntimeEvents {
  window: [WindowUpdate];
  metrics: [BatchMetrics];
  tweets: [FeedTweet[]];
  status: [SourceStatus];
  config: [PublicConfig];
  /** A new source started: every dashboard needs a fresh snapshot. */
  reset: [];
  /** A line for the server log: outages and recoveries (once each), resume after a restart. */
  log: [RuntimeLog];
}

export interface RuntimeLog {
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** A request the runtime refuses because of what was asked (maps to HTTP 4xx). */
export class RequestRefusedError extends HashpulseError {
  override readonly name = 'RequestRefusedError';
  override readonly code = 'HP_ERR_SERVER_REQUEST_REFUSED';
  constructor(
    message: string,
    readonly statusCode: 400 | 404 | 409 | 503 = 400,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

export interface DashboardRuntime {
  readonly events: EventEmitter<RuntimeEvents>;
  publicConfig(): PublicConfig;
  snapshot(): Snapshot;
  /** Applies a new window to every dashboard from the next slide on, from retained history. */
  setWindow(window: WindowConfig): Promise<void>;
  /** What the windows retain per history tier (for /metrics); empty while no source runs. */
  historyStats(): HistoryTierStats[];
  /** One hashtag's drill-down, by the count key window updates carry (never a spelling). */
  hashtagDetail(key: string): HashtagDetail;
  listDataFiles(): Promise<DataFile[]>;
  startReplay(request: ReplayStart): Promise<SourceStatus>;
  pauseReplay(): Promise<SourceStatus>;
  resumeReplay(): Promise<SourceStatus>;
  /** Plays the replay again from its start; after Stop, starts the last replay again. */
  restartReplay(): Promise<SourceStatus>;
  /** Changes the running replay's speed at once (between timed speeds: 1, 10, 100...). */
  setReplaySpeed(speed: ReplaySpeed): Promise<SourceStatus>;
  stopSource(): Promise<SourceStatus>;
  startLive(stream: 'filtered' | 'sample'): Promise<SourceStatus>;
  listRules(): Promise<StreamRule[]>;
  addRule(value: string, tag?: string): Promise<StreamRule>;
  deleteRule(id: string): Promise<void>;
  /** The server's view of Redis (null: not used), shown in the status and logged on change. */
  reportRedis(health: ServiceHealth | null): void;
  close(): Promise<void>;
}
