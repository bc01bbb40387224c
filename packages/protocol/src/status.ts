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

export const ReplayProgressSchema = z.object({
  files: z.array(z.string()),
  speed: z.union([z.number().positive(), z.literal('max')]),
  loop: z.boolean(),
  /** Records played so far in this pass, and in the whole recording. */
  position: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  /** Milliseconds of wall time until the end of this pass, null when unknown. */
  etaMs: z.number().nonnegative().nullable(),
  /** The replay clock: the recording's own time now playing, epoch ms. */
  clockTime: z.number().nullable(),
  pass: z.number().int().nonnegative(),
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
  updatedAt: z.number(),
});
export type SourceStatus = z.infer<typeof SourceStatusSchema>;
