// What crosses Redis between the roles of a scaled-out cluster (ROLE=ingest|worker|web): stream
// records (a decoded tweet and its source offset), per-batch partial aggregates and control actions.
import { z } from 'zod';
import { FeedTweetSchema } from './analytics.js';
import { ReplaySpeedSchema, ReplayStartRequestSchema } from './rest.js';
import { SourceStatusSchema } from './status.js';
import { WindowConfigSchema } from './window-config.js';

export const ClusterProfileSchema = z.object({
  id: z.string(),
  username: z.string().nullable(),
  name: z.string().nullable(),
  verified: z.boolean().nullable(),
  followers: z.number().nullable(),
  following: z.number().nullable(),
  tweetCount: z.number().nullable(),
  createdAt: z.number().nullable(),
  location: z.string().nullable(),
});

/** A tweet as the ingest node appends it to a partition stream (the tweets package's Tweet). */
export const ClusterTweetSchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  text: z.string(),
  lang: z.string().nullable(),
  authorId: z.string().nullable(),
  hashtags: z.array(z.string()),
  mentions: z.array(z.string()),
  isRetweet: z.boolean(),
  isQuote: z.boolean(),
  isReply: z.boolean(),
  author: ClusterProfileSchema.nullable(),
});
export type ClusterTweet = z.infer<typeof ClusterTweetSchema>;

const vector = z.array(z.number());

/**
 * One batch's partial aggregates (one partition's, or every partition's merged): the values the
 * job's window operators reduce, keyed as they key them, plus what names keys and fills the feed.
 */
export const BatchPartialSchema = z.object({
  /** Tweets analysed into this partial. */
  tweets: z.number().int().nonnegative(),
  /** The window totals vector (empty when no tweet). */
  totals: vector,
  /** [hashtag key, sentiment vector]. */
  tags: z.array(z.tuple([z.string(), vector])),
  /** [author id, [tweets, reach]]. */
  authors: z.array(z.tuple([z.string(), vector])),
  /** [tag key + U+0001 + author id, tweets]. */
  tagAuthors: z.array(z.tuple([z.string(), z.number()])),
  /**
   * [spelling as written, the record's position in the source], one per sighting, in source order:
   * replayed one by one, they rank tied spellings as one process seeing the tweets in order would.
   */
  spellings: z.array(z.tuple([z.string(), z.number()])),
  /** The profile joined to each author of the batch (the last one seen per author). */
  profiles: z.array(ClusterProfileSchema),
  feed: z.array(FeedTweetSchema),
  /** Tweets analysed without a profile lookup (the store was unavailable). */
  unjoined: z.number().int().nonnegative(),
});
export type BatchPartial = z.infer<typeof BatchPartialSchema>;

/** A control action sent by any web node to the cluster (applied by the merging web node). */
export const ClusterControlSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('window'), window: WindowConfigSchema }),
]);
export type ClusterControl = z.infer<typeof ClusterControlSchema>;

/** Names a source control, so the web node that sent it knows the ingest node's answer to it. */
const ControlIdSchema = z.string().min(1).max(64);

/**
 * A source control from any web node, applied by the ingest node to the source it plays. Start,
 * live and restart begin a new run of the cluster (its event time starts over); stop ends the
 * source. Pause, resume and speed apply to a replay only.
 */
export const IngestControlSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pause') }),
  z.object({ kind: z.literal('resume') }),
  z.object({ kind: z.literal('speed'), speed: ReplaySpeedSchema }),
  z.object({ kind: z.literal('start'), id: ControlIdSchema, replay: ReplayStartRequestSchema }),
  z.object({ kind: z.literal('restart'), id: ControlIdSchema }),
  z.object({ kind: z.literal('stop'), id: ControlIdSchema }),
  /** The live X API stream, with the ingest node's X_BEARER_TOKEN. */
  z.object({ kind: z.literal('live'), id: ControlIdSchema, stream: z.enum(['filtered', 'sample']) }),
]);
export type IngestControl = z.input<typeof IngestControlSchema>;

/** The ingest node's source status, as it keeps it in Redis for the web nodes to show. */
export const ClusterIngestStatusSchema = SourceStatusSchema.extend({
  /** The run the source plays into. */
  run: z.number().int().nonnegative().optional(),
  /** The last source control (start, live, restart, stop) the ingest node handled, and its refusal if any. */
  answer: z
    .object({
      id: ControlIdSchema,
      refused: z
        .object({
          message: z.string(),
          statusCode: z.union([z.literal(400), z.literal(404), z.literal(409), z.literal(503)]),
        })
        .nullable(),
    })
    .optional(),
});
export type ClusterIngestStatus = z.infer<typeof ClusterIngestStatusSchema>;
