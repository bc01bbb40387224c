// Per-batch enrichment: one batched profile lookup for the batch's authors (the stream-static
// join), then each tweet's hashtags and sentiment from the tweets package's analyzeTweet. The job
// only reads the store: profiles that came in the stream are written by whoever runs the source
// (its `profiles` event), once.
import { analyzeTweet, type Profile, type Tweet } from '@hashpulse/tweets';
import type { ProfileStore } from '../profiles/index.js';
import type { AnalysedTweet } from './analysed-tweet.js';

export async function analyseBatch(
  tweets: readonly Tweet[],
  profiles: ProfileStore,
): Promise<AnalysedTweet[]> {
  if (tweets.length === 0) return [];
  const authorIds = new Set<string>();
  for (const tweet of tweets) if (tweet.authorId !== null) authorIds.add(tweet.authorId);
  const found = authorIds.size > 0 ? await profiles.lookup([...authorIds]) : new Map<string, Profile>();
  return tweets.map((tweet) => ({
    tweet,
    ...analyzeTweet(tweet),
    profile: (tweet.authorId !== null ? found.get(tweet.authorId) : undefined) ?? tweet.author ?? null,
  }));
}
