// One run of the analytics job on one source: its own engine context, clock and window spec.
// A new source gets a new session, since engine time never goes backwards and a recording's
// clock and the live system clock cannot share one timeline.
import {
  ManualClock,
  ReplayClock,
  SystemClock,
  type Clock,
  type Source,
  type StreamingContext,
  type StreamingListener,
  type WindowSpec,
} from '@hashpulse/engine';
import type { WindowConfig } from '@hashpulse/protocol';
import type { Tweet } from '@hashpulse/tweets';
import type { AnalyticsJob } from '../job/analytics-job.js';
import { createJobEngine } from '../job/job-engine.js';
import type { ProfileStore } from '../profiles/index.js';

export type SessionClock = { kind: 'system' } | { kind: 'replay'; speed: number } | { kind: 'manual' };

export interface SessionOptions {
  source: Source<Tweet>;
  clock: Clock;
  window: WindowConfig;
  profiles: ProfileStore;
  listener: StreamingListener;
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

  start(): Promise<void> {
    return this.context.start();
  }

  setWindow(window: WindowConfig): void {
    this.window.update(window);
  }

  async stop(): Promise<void> {
    if (this.context.state === 'started') await this.context.stop({ graceful: false });
  }
}
