// A tweet after analysis and the profile join: what every windowed aggregate of the job reads.
import type { Profile, Tweet } from '@hashpulse/tweets';
import type { Sentiment } from '@hashpulse/protocol';

export interface AnalysedTweet {
  tweet: Tweet;
  /** Case-folded hashtag keys, each once per tweet. */
  tagKeys: string[];
  sentiment: Sentiment;
  /** The author's profile from the store or the record, null when the join missed. */
  profile: Profile | null;
}
