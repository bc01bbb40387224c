// REST request and response bodies under /api.
import { z } from 'zod';
import { DurationSchema } from './duration.js';
import { WindowConfigSchema } from './window-config.js';

export const ReplaySpeedSchema = z.union([z.number().positive().max(100_000), z.literal('max')]);
export type ReplaySpeed = z.infer<typeof ReplaySpeedSchema>;

/** The replay's gap threshold: at least a second (a batch), at most 30 days. */
export const ReplayGapThresholdSchema = DurationSchema.pipe(
  z
    .number()
    .min(1000, 'the replay gap must be at least 1s')
    .max(30 * 86_400_000, 'the replay gap must be at most 30 days (720h)'),
);

/** File names are relative to the data directory; the server refuses anything outside it. */
export const ReplayStartRequestSchema = z.strictObject({
  files: z.array(z.string().min(1).max(512)).min(1).max(64),
  speed: ReplaySpeedSchema.default(10),
  loop: z.boolean().default(false),
  /** Stretches without tweets longer than this pass at once (`1m`, or ms); default the server's REPLAY_GAP. */
  gap: ReplayGapThresholdSchema.optional(),
});
export type ReplayStartRequest = z.input<typeof ReplayStartRequestSchema>;

/** A new speed for the running replay, applied at once. */
export const ReplaySpeedRequestSchema = z.strictObject({ speed: ReplaySpeedSchema });
export type ReplaySpeedRequest = z.input<typeof ReplaySpeedRequestSchema>;

/**
 * What a data file holds, judged from a bounded sample of its start (see the server's file-kind
 * detector): only "tweets" files replay to tweets. "empty" is nothing but blank lines (within the
 * sample), "binary" is not text, "unknown" is text that is none of the others.
 */
export const DataFileKindSchema = z.enum(['tweets', 'notices', 'profiles', 'empty', 'binary', 'unknown']);
export type DataFileKind = z.infer<typeof DataFileKindSchema>;

export const DataFileSchema = z.object({
  name: z.string(),
  kind: DataFileKindSchema,
  bytes: z.number().int().nonnegative(),
  modifiedAt: z.number(),
  /** Records of its kind (tweets, profiles, notices) when the whole file fit the sample; else null. */
  records: z.number().int().nonnegative().nullable(),
  /** What it holds, in words, to follow the file name: "holds 2,762 user profiles". */
  summary: z.string(),
});
export type DataFile = z.infer<typeof DataFileSchema>;

export const LiveStartRequestSchema = z.strictObject({
  stream: z.enum(['filtered', 'sample']).default('filtered'),
});
export type LiveStartRequest = z.input<typeof LiveStartRequestSchema>;

export const StreamRuleSchema = z.object({
  id: z.string(),
  value: z.string(),
  tag: z.string().nullable(),
});
export type StreamRule = z.infer<typeof StreamRuleSchema>;

export const RuleAddRequestSchema = z.strictObject({
  value: z.string().trim().min(1).max(1024),
  tag: z.string().trim().max(128).optional(),
});
export type RuleAddRequest = z.input<typeof RuleAddRequestSchema>;

export const HealthSchema = z.object({
  status: z.literal('ok'),
  uptimeSeconds: z.number(),
  version: z.string(),
});
export type Health = z.infer<typeof HealthSchema>;

/**
 * The sentiment scorers: `model`, the lexicon plus a learned layer (the default), or `lexicon`,
 * the VADER-style rules alone (@hashpulse/tweets).
 */
export const SentimentScorerSchema = z.enum(['model', 'lexicon']);
export type SentimentScorerName = z.infer<typeof SentimentScorerSchema>;

/** The server's public configuration: what a dashboard needs to know, never a secret. */
export const PublicConfigSchema = z.object({
  window: WindowConfigSchema,
  /** True when control actions need the admin token. */
  adminRequired: z.boolean(),
  liveAvailable: z.boolean(),
  profileStore: z.enum(['file', 'postgres', 'none']),
  /** The scorer that labels tweets' sentiment. */
  sentiment: SentimentScorerSchema,
  version: z.string(),
});
export type PublicConfig = z.infer<typeof PublicConfigSchema>;

/** Every error body the API returns. */
export const ApiErrorSchema = z.object({
  error: z.string(),
  /** Stable, for programs to match on: HP_ERR_SERVER_* for ours, FST_ERR_* for fastify's. */
  code: z.string(),
  message: z.string(),
  details: z.array(z.string()).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
