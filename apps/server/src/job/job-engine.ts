// The one engine set-up for the analytics job: a StreamingContext on the given clock, the tweet
// source, the shared window spec and the job. The server's sessions and the offline analyser both
// build it here, each with the options it needs.
import {
  StreamingContext,
  type CheckpointedState,
  type Clock,
  type Source,
  type History,
  type StreamingListener,
  type WindowSpec,
} from '@hashpulse/engine';
import { HISTORY, type WindowConfig } from '@hashpulse/protocol';
import type { Profile, Tweet } from '@hashpulse/tweets';
import type { ProfileStore } from '../profiles/index.js';
import { AnalyticsJob, type AnalyticsJobOptions } from './analytics-job.js';
import type { CarriedProfiles } from './carried-profiles.js';

export interface JobEngineOptions {
  source: Source<Tweet>;
  clock: Clock;
  window: WindowConfig;
  profiles: ProfileStore;
  /**
   * How long per-batch partials are kept, and the roll-up tiers beyond: the product's HISTORY (any
   * window up to 30 days answers at once) when absent.
   */
  history?: History;
  /** The job's sizes (feed, history, top lists); its defaults when absent. */
  tuning?: Omit<AnalyticsJobOptions, 'context' | 'tweets' | 'profiles' | 'window'>;
  listener?: StreamingListener;
  /**
   * Stores the authors that records carry before each batch's profile lookup. For runs with no
   * runtime handling the source's `profiles` event (offline analysis); the server leaves it off.
   */
  storeRecordAuthors?: boolean;
  /**
   * Profiles the source's records carried, stored before the lookup of the batch of the record that
   * carried them (the server's replays; see CarriedProfiles). `onStoreError`: a write that failed.
   */
  carriedProfiles?: { queue: CarriedProfiles; onStoreError: (error: Error) => void };
  /** Engine checkpoints in this directory (and recovery from them: see StreamingContext.getOrCreate). */
  checkpoint?: JobCheckpointOptions;
  /** State outside the job that its results depend on, kept in the same checkpoints (by name). */
  checkpointState?: ReadonlyArray<[string, CheckpointedState]>;
}

export interface JobCheckpointOptions {
  dir: string;
  /** Clock time between checkpoints. */
  intervalMs: number;
  /** Wall time at least between checkpoints (a `max` replay covers hours of clock time a second). */
  minWallMs: number;
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
    retentionMs: (options.history ?? HISTORY).retentionMs,
    history: (options.history ?? HISTORY).rollups ?? [],
    ...(options.checkpoint === undefined
      ? {}
      : {
          checkpointDir: options.checkpoint.dir,
          checkpointIntervalMs: options.checkpoint.intervalMs,
          checkpointMinWallMs: options.checkpoint.minWallMs,
        }),
  });
  const spec = context.windowSpec({ windowLengthMs: window.windowLengthMs, slideMs: window.slideMs });
  const source = context.source(options.source);
  const { carriedProfiles } = options;
  const tweets = options.storeRecordAuthors
    ? source.transform(async (batch: readonly Tweet[]) => {
        await storeAuthors(batch, options.profiles);
        return batch;
      })
    : carriedProfiles !== undefined
      ? source.transform(async (batch: readonly Tweet[], batchTime) => {
          const carried = carriedProfiles.queue.takeBefore(batchTime);
          if (carried.length > 0) await options.profiles.add(carried).catch(carriedProfiles.onStoreError);
          return batch;
        })
      : source;
  const job = new AnalyticsJob({
    ...options.tuning,
    context,
    tweets,
    profiles: options.profiles,
    window: spec,
  });
  for (const [name, state] of options.checkpointState ?? []) context.checkpointState(name, state);
  if (options.listener) context.addListener(options.listener);
  return { context, window: spec, job };
}

/** Writes the profiles a batch's tweets carried for their own authors, once each. */
async function storeAuthors(batch: readonly Tweet[], profiles: ProfileStore): Promise<void> {
  const authors = new Map<string, Profile>();
  for (const tweet of batch) if (tweet.author !== null) authors.set(tweet.author.id, tweet.author);
  if (authors.size > 0) await profiles.add([...authors.values()]);
}
