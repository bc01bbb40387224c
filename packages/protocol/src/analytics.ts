// The analytics job's results as they cross to sinks: socket updates, GET /api/snapshot, CLI JSON.
// Times are epoch milliseconds.
import { z } from 'zod';
import { WindowConfigSchema } from './window-config.js';

export const SentimentLabelSchema = z.enum(['positive', 'neutral', 'negative', 'unscored']);
export type SentimentLabel = z.infer<typeof SentimentLabelSchema>;

export const SentimentSchema = z.object({
  score: z.number().min(-1).max(1),
  label: SentimentLabelSchema,
});
export type Sentiment = z.infer<typeof SentimentSchema>;

/** Counts per label over a set of tweets; `mean` is over scored tweets only (null when none). */
export const SentimentSummarySchema = z.object({
  positive: z.number().int().nonnegative(),
  neutral: z.number().int().nonnegative(),
  negative: z.number().int().nonnegative(),
  unscored: z.number().int().nonnegative(),
  mean: z.number().min(-1).max(1).nullable(),
});
export type SentimentSummary = z.infer<typeof SentimentSummarySchema>;

/**
 * A hashtag as it travels: its spelling for display and the key the server counts it under
 * (Unicode case-folded). Clients match, chart and drill down by `key` and never fold a tag
 * themselves: the server's fold is the only one, and JavaScript's toLowerCase differs from it.
 */
export const HashtagRefSchema = z.object({
  /** A spelling, without '#': the most frequent one in window figures, as written in a tweet. */
  tag: z.string(),
  /** The count key: what GET /api/hashtags/:key takes. */
  key: z.string().min(1),
});
export type HashtagRef = z.infer<typeof HashtagRefSchema>;

export const HashtagCountSchema = HashtagRefSchema.extend({
  count: z.number().int().nonnegative(),
});
export type HashtagCount = z.infer<typeof HashtagCountSchema>;

export const HashtagSentimentSchema = SentimentSummarySchema.extend(HashtagCountSchema.shape);
export type HashtagSentiment = z.infer<typeof HashtagSentimentSchema>;

export const FOLLOWER_TIERS = ['<1k', '1k-10k', '10k-100k', '100k-1M', '≥1M'] as const;
export const FollowerTierSchema = z.enum(FOLLOWER_TIERS);
export type FollowerTier = z.infer<typeof FollowerTierSchema>;

export const AuthorReachSchema = z.object({
  id: z.string(),
  username: z.string().nullable(),
  name: z.string().nullable(),
  verified: z.boolean().nullable(),
  followers: z.number().int().nonnegative(),
  tweets: z.number().int().nonnegative(),
  /** followers × tweets in the window: how many timelines the author's tweets reached at most. */
  reach: z.number().nonnegative(),
});
export type AuthorReach = z.infer<typeof AuthorReachSchema>;

/** Breakdowns from the stream-static join of tweets with author profiles. */
export const ProfileBreakdownSchema = z.object({
  verified: z.object({
    verified: z.number().int().nonnegative(),
    unverified: z.number().int().nonnegative(),
    unknown: z.number().int().nonnegative(),
  }),
  followerTiers: z.array(z.object({ tier: FollowerTierSchema, count: z.number().int().nonnegative() })),
  topAuthors: z.array(AuthorReachSchema),
});
export type ProfileBreakdown = z.infer<typeof ProfileBreakdownSchema>;

/** One window of the analytics job, emitted once per slide. */
export const WindowUpdateSchema = z.object({
  /** Window interval [start, end): arrivals in it are counted. */
  start: z.number(),
  end: z.number(),
  config: WindowConfigSchema,
  tweets: z.number().int().nonnegative(),
  /** Tweets per second over the window. */
  rate: z.number().nonnegative(),
  /** The window's top 50 hashtags, by count. */
  hashtags: z.array(HashtagCountSchema),
  sentiment: SentimentSummarySchema,
  /** Sentiment of the tweets carrying each of the top hashtags. */
  hashtagSentiment: z.array(HashtagSentimentSchema),
  profiles: ProfileBreakdownSchema,
  /** Tweets whose author the profile join found, and those it missed. */
  join: z.object({
    matched: z.number().int().nonnegative(),
    missing: z.number().int().nonnegative(),
  }),
});
export type WindowUpdate = z.infer<typeof WindowUpdateSchema>;

/** A tweet as shown in the live feed. */
export const FeedTweetSchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  text: z.string(),
  lang: z.string().nullable(),
  authorId: z.string().nullable(),
  authorUsername: z.string().nullable(),
  authorName: z.string().nullable(),
  /** The tweet's hashtags as written, in order, repeats kept, each with its count key. */
  hashtags: z.array(HashtagRefSchema),
  sentiment: SentimentSchema,
});
export type FeedTweet = z.infer<typeof FeedTweetSchema>;

/** Drill-down for one hashtag: its history over recent windows. */
export const HashtagDetailSchema = HashtagRefSchema.extend({
  points: z.array(
    z.object({
      end: z.number(),
      count: z.number().int().nonnegative(),
      /** Occurrences per second over the window. */
      rate: z.number().nonnegative(),
      sentiment: SentimentSummarySchema,
    }),
  ),
  topAuthors: z.array(AuthorReachSchema),
});
export type HashtagDetail = z.infer<typeof HashtagDetailSchema>;
