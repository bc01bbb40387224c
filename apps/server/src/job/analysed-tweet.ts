// A tweet after analysis (the tweets package's analyzeTweet) and the profile join: what every
// windowed aggregate of the job reads.
import type { Profile, Tweet, TweetAnalysis } from '@hashpulse/tweets';

export interface AnalysedTweet extends TweetAnalysis {
  tweet: Tweet;
  /** The author's profile from the store or the record, null when the join missed. */
  profile: Profile | null;
}
