// The JSON document `hashpulse analyze --json` prints, as a zod schema: the CLI's contract with
// scripts and the tests that check what it prints.
import { HashtagCountSchema, SentimentSummarySchema, z } from '@hashpulse/protocol';

const Count = z.number().int().nonnegative();
const IsoTime = z.iso.datetime();
/** A hashtag in its most frequent spelling with its count: the report is read by people and
 * scripts that match spellings, so the count key the dashboard needs is left out. */
export const ReportHashtagSchema = HashtagCountSchema.pick({ tag: true, count: true });
export type ReportHashtag = z.infer<typeof ReportHashtagSchema>;

export const WindowReportSchema = z.strictObject({
  /** The window covers tweets created in [start, end). */
  start: IsoTime,
  end: IsoTime,
  tweets: Count,
  /** The window's top 50 hashtags by count (then by tag), in their most frequent spelling. */
  hashtags: z.array(ReportHashtagSchema).max(50),
  sentiment: SentimentSummarySchema,
});
export type WindowReport = z.infer<typeof WindowReportSchema>;

export const AnalysisReportSchema = z.strictObject({
  /** Stream tweets analysed (referenced tweets under includes are context, not counted). */
  tweets: Count,
  /**
   * Stream tweets dropped as repeats: their id came among the last 100,000 before (a search
   * recorded twice, overlapping pages), as a replay of the same files drops them.
   */
  duplicates: Count,
  /** Lines that could not be decoded (malformed or cut-off records). */
  rejected: Count,
  /** Recognised records that are not tweets (compliance, limit and error messages). */
  skipped: Count,
  /** Every hashtag over the whole input with the number of tweets carrying it, by count then tag. */
  hashtags: z.array(ReportHashtagSchema),
  sentiment: SentimentSummarySchema,
  /** Every window meeting the input's time span, in order, empty ones included. */
  windows: z.array(WindowReportSchema),
  /** Tweets whose author had a profile (store or record) and those whose author had none. */
  join: z.strictObject({ matched: Count, missing: Count }),
});
export type AnalysisReport = z.infer<typeof AnalysisReportSchema>;
