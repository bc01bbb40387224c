// One run of the analytics job on one source: its own engine context, clock and window spec.
// A new source gets a new session, since engine time never goes backwards and a recording's
// clock and the live system clock cannot share one timeline.
import {
  ManualClock,
  ReplayClock,
  StreamingContext,
  SystemClock,
  type CheckpointedState,
  type Clock,
  type Source,
  type StreamingListener,
  type WindowSpec,
} from '@hashpulse/engine';
import type { WindowConfig } from '@hashpulse/protocol';
import type { Tweet } from '@hashpulse/tweets';
import type { AnalyticsJob } from '../job/analytics-job.js';
import { createJobEngine, type JobCheckpointOptions, type JobEngineOptions } from '../job/job-engine.js';
import type { ProfileStore } from '../profiles/index.js';

export type SessionClock = { kind: 'system' } | { kind: 'replay'; speed: number } | { kind: 'manual' };

export interface SessionOptions {
  source: Source<Tweet>;
  clock: Clock;
  window: WindowConfig;
  profiles: ProfileStore;
  listener: StreamingListener;
  /** The job's options (here: the sentiment scorer); its defaults when absent. */
  tuning?: NonNullable<JobEngineOptions['tuning']>;
  /** Checkpoints here, and resume from the latest one there is (a restart after a crash). */
  checkpoint?: JobCheckpointOptions;
  /** State outside the job kept in the same checkpoints (the stream's profiles in a memory store). */
  checkpointState?: ReadonlyArray<[string, CheckpointedState]>;
  /** A replay's carried profiles, stored batch by batch (see CarriedProfiles). */
  carriedProfiles?: NonNullable<JobEngineOptions['carriedProfiles']>;
}

export function createClock(kind: SessionClock): Clock {
  switch (kind.kind) {
    case 'system':
      return new SystemClock();
    case 'replay':
      return new ReplayClock({ speed: kind.speed });
    case 'manual':
      return new ManualClock();
  }
}

export class Session {
  readonly context: StreamingContext;
  readonly job: AnalyticsJob;
  readonly window: WindowSpec;

  constructor(options: SessionOptions) {
    ({ context: this.context, job: this.job, window: this.window } = createJobEngine(options));
  }

  /**
   * A new session; with `checkpoint`, restored from the latest checkpoint in its directory, if
   * any (throws CheckpointError for a damaged one or one of another job: start afresh then).
   */
  static async open(options: SessionOptions): Promise<Session> {
    const session = new Session(options);
    const dir = options.checkpoint?.dir;
    if (dir !== undefined) await StreamingContext.getOrCreate(dir, () => session.context);
    return session;
  }

  /** The batch time of the checkpoint this session resumed from, or null. */
  get resumedFrom(): number | null {
    return this.context.recoveredFrom;
  }

  start(): Promise<void> {
    return this.context.start();
  }

  setWindow(window: WindowConfig): void {
    this.window.update(window);
  }

  /**
   * `checkpoint: true` (the server shutting down) processes the batches already closed and writes
   * a last checkpoint, so the next start resumes exactly here; otherwise they are dropped.
   */
  async stop(options: { checkpoint?: boolean } = {}): Promise<void> {
    const checkpoint = options.checkpoint === true && this.context.checkpointDir !== undefined;
    if (this.context.state === 'started') await this.context.stop({ graceful: checkpoint });
  }
}
