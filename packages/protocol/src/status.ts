// Engine health per batch and the state of the sources, as the dashboard shows them.
import { z } from 'zod';

/** Per-batch figures, as the Streaming tab of the Spark UI shows them. */
export const BatchMetricsSchema = z.object({
  batchTime: z.number(),
  records: z.number().int().nonnegative(),
  schedulingDelayMs: z.number().nonnegative(),
  processingTimeMs: z.number().nonnegative(),
  totalDelayMs: z.number().nonnegative(),
  /** Records dropped by full buffers since the previous batch. */
  droppedRecords: z.number().int().nonnegative(),
});
export type BatchMetrics = z.infer<typeof BatchMetricsSchema>;

/** Recording time with no tweets that the replay passed at once, in engine time (epoch ms). */
export const ReplayGapSchema = z.object({ from: z.number(), to: z.number() });
export type ReplayGap = z.infer<typeof ReplayGapSchema>;

/** A line of a recording that gave no tweet (rejected, a skipped notice) or a warning, with why. */
export const SourceProblemSchema = z.object({
  file: z.string().nullable(),
  line: z.number().int().nonnegative(),
  kind: z.enum(['rejected', 'notice', 'warning']),
  message: z.string(),
});
export type SourceProblemReport = z.infer<typeof SourceProblemSchema>;

export const ReplayProgressSchema = z.object({
  files: z.array(z.string()),
  speed: z.union([z.number().positive(), z.literal('max')]),
  loop: z.boolean(),
  /** Records played so far in this pass, and in the whole recording. */
  position: z.number().int().nonnegative(),
  /** Null while a recording streamed in time order is still being read for the first time. */
  total: z.number().int().nonnegative().nullable(),
  /**
   * Share of this pass played, 0 to 1: by records once the count is known, by bytes of the files
   * read before; null when not known at all.
   */
  fraction: z.number().min(0).max(1).nullable(),
  /** Milliseconds of wall time until the end of this pass, null when unknown. */
  etaMs: z.number().nonnegative().nullable(),
  /** The recording's own time now playing (always between its first and last tweet), epoch ms. */
  clockTime: z.number().nullable(),
  pass: z.number().int().nonnegative(),
  /** Stretches without tweets longer than this pass at once, at any speed. */
  gapMs: z.number().int().positive(),
  /** The most recent gaps passed (engine time), and the recording time all gaps left out. */
  gaps: z.array(ReplayGapSchema),
  gapTimeMs: z.number().nonnegative(),
  /** Tweets dropped because their id was played already (within a bounded horizon). */
  duplicatesDropped: z.number().int().nonnegative(),
  /** The first problem lines, with their reasons (the counts are on the status). */
  problems: z.array(SourceProblemSchema),
  /**
   * Files that could not be read to their end (truncated or corrupt: what was read still plays), and
   * files found out of time order while streamed (their late tweets played late).
   */
  readErrors: z.array(z.string()),
});
export type ReplayProgress = z.infer<typeof ReplayProgressSchema>;

export const SourceStateSchema = z.enum([
  'idle',
  'starting',
  'running',
  'paused',
  'connecting',
  'connected',
  'reconnecting',
  'rate-limited',
  'stalled',
  'ended',
  'stopped',
  'error',
]);
export type SourceState = z.infer<typeof SourceStateSchema>;

/** A service the server depends on (the profile database, Redis) while it runs. */
export const ServiceHealthSchema = z.object({
  /** unavailable: the server works on without it (degraded) and reconnects by itself. */
  state: z.enum(['ok', 'unavailable']),
  /** What is wrong and what the server does meanwhile, e.g. "profiles unavailable, retrying". */
  message: z.string().nullable(),
  /** Since when (epoch ms) the service has been unavailable, null while it is ok. */
  since: z.number().nullable(),
  /** When the next reconnection attempt is due (epoch ms), null when none is scheduled. */
  nextRetryAt: z.number().nullable(),
});
export type ServiceHealth = z.infer<typeof ServiceHealthSchema>;

export const ServicesStatusSchema = z.object({
  /** The profile database; null when profiles come from a file or memory (they cannot fail). */
  profiles: ServiceHealthSchema.nullable(),
  /** Redis behind the socket.io broadcasts; null without REDIS_URL. */
  redis: ServiceHealthSchema.nullable(),
  /** Tweets processed without their author's profile because the profile store was unavailable. */
  unjoined: z.number().int().nonnegative(),
});
export type ServicesStatus = z.infer<typeof ServicesStatusSchema>;

/** A scaled-out cluster's state as a web node sees it (ROLE=web only). */
export const ClusterStatusSchema = z.object({
  partitions: z.number().int().positive(),
  /** Workers that sent a heartbeat within the lease. */
  workers: z.number().int().nonnegative(),
  /** Whether this web node holds the merge lease. */
  merging: z.boolean(),
  /** Batches merged without some partitions (they did not report within CLUSTER_MERGE_WAIT). */
  incompleteBatches: z.number().int().nonnegative(),
  /** Stream entries trimmed by MAXLEN before a worker read them (the ingest outran the workers). */
  droppedEntries: z.number().int().nonnegative(),
  /** Records behind a partition's watermark, and entries that did not decode. */
  lateRecords: z.number().int().nonnegative(),
  rejectedEntries: z.number().int().nonnegative(),
});
export type ClusterStatus = z.infer<typeof ClusterStatusSchema>;

export const SourceStatusSchema = z.object({
  kind: z.enum(['none', 'replay', 'live']),
  state: SourceStateSchema,
  message: z.string().nullable(),
  replay: ReplayProgressSchema.nullable(),
  live: z
    .object({
      stream: z.enum(['filtered', 'sample']),
      reconnectAttempt: z.number().int().nonnegative(),
      nextRetryAt: z.number().nullable(),
      rateLimitResetAt: z.number().nullable(),
      duplicatesDropped: z.number().int().nonnegative(),
    })
    .nullable(),
  /** Records the decoder rejected (malformed) and notices it skipped (compliance, limits, errors). */
  rejected: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  dropped: z.number().int().nonnegative(),
  /** The services behind the analytics, as the server sees them (absent from a source's own status). */
  services: ServicesStatusSchema.optional(),
  /** The batch time of the checkpoint this session resumed from after a restart, else null. */
  resumedFrom: z.number().nullable().optional(),
  /** On a cluster's web node: the cluster behind the source (drops and incomplete batches show here). */
  cluster: ClusterStatusSchema.optional(),
  updatedAt: z.number(),
});
export type SourceStatus = z.infer<typeof SourceStatusSchema>;
