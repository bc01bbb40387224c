// A tweet after analysis (the tweets package's analyzeTweet) and the profile join: what every
// windowed aggregate of the job reads; and a tweet whose analysis was done ahead, off this thread.
import type { Profile, SentimentScorerName, Tweet, TweetAnalysis } from '@hashpulse/tweets';

export interface AnalysedTweet extends TweetAnalysis {
  tweet: Tweet;
  /** The author's profile from the store or the record, null when the join missed. */
  profile: Profile | null;
  /**
   * Whether `profile` is the tweet's own copy because the store had none for its author (or was
   * unavailable): the profiles a job keeps to name top authors when the store cannot.
   */
  profileIsOwn: boolean;
}

/**
 * A tweet analysed where it was decoded (a DecodePool thread): the job uses `ahead` when it was
 * made with the job's own scorer, and analyses the tweet itself otherwise.
 */
export interface TweetAnalysedAhead extends Tweet {
  ahead?: { scorer: SentimentScorerName; analysis: TweetAnalysis };
}
