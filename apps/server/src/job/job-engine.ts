// The one engine set-up for the analytics job: a StreamingContext on the given clock, the tweet
// source, the shared window spec and the job. The server's sessions and the offline analyser both
// build it here, each with the options it needs.
import {
  StreamingContext,
  type Clock,
  type Source,
  type StreamingListener,
  type WindowSpec,
} from '@hashpulse/engine';
import type { WindowConfig } from '@hashpulse/protocol';
import type { Tweet } from '@hashpulse/tweets';
import type { ProfileStore } from '../profiles';
import { AnalyticsJob, type AnalyticsJobOptions } from './analytics-job';

export interface JobEngineOptions {
  source: Source<Tweet>;
  clock: Clock;
  window: WindowConfig;
  profiles: ProfileStore;
  /** How long per-batch partials are kept; the engine's default (its largest window) when absent. */
  retentionMs?: number;
  /** The job's sizes (feed, history, top lists); its defaults when absent. */
  tuning?: Omit<AnalyticsJobOptions, 'context' | 'tweets' | 'profiles' | 'window'>;
  listener?: StreamingListener;
}

export interface JobEngine {
  context: StreamingContext;
  /** Every window of the job slides on this one spec: updating it reconfigures them all at once. */
  window: WindowSpec;
  job: AnalyticsJob;
}

export function createJobEngine(options: JobEngineOptions): JobEngine {
  const { window } = options;
  const context = new StreamingContext({
    batchIntervalMs: window.batchIntervalMs,
    clock: options.clock,
    // The job's stages run on the main thread; no pool threads are needed for it.
    workers: 1,
    ...(options.retentionMs === undefined ? {} : { retentionMs: options.retentionMs }),
  });
  const spec = context.windowSpec({ windowLengthMs: window.windowLengthMs, slideMs: window.slideMs });
  const job = new AnalyticsJob({
    ...options.tuning,
    context,
    tweets: context.source(options.source),
    profiles: options.profiles,
    window: spec,
  });
  if (options.listener) context.addListener(options.listener);
  return { context, window: spec, job };
}
