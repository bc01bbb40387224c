// Per-batch enrichment: one batched profile lookup for the batch's authors (the stream-static
// join), then hashtags and sentiment for each tweet.
import { hashtagKeys, scoreSentiment, type Profile, type Tweet } from '@hashpulse/tweets';
import type { ProfileStore } from '../profiles/index.js';
import type { AnalysedTweet } from './analysed-tweet.js';

export async function analyseBatch(
  tweets: readonly Tweet[],
  profiles: ProfileStore,
): Promise<AnalysedTweet[]> {
  if (tweets.length === 0) return [];
  // Profiles that came inside the stream (includes.users) fill the store before the join.
  const inline = new Map<string, Profile>();
  const authorIds = new Set<string>();
  for (const tweet of tweets) {
    if (tweet.authorId !== null) authorIds.add(tweet.authorId);
    if (tweet.author !== null) inline.set(tweet.author.id, tweet.author);
  }
  if (inline.size > 0) await profiles.add([...inline.values()]);
  const found = authorIds.size > 0 ? await profiles.lookup([...authorIds]) : new Map<string, Profile>();
  return tweets.map((tweet) => ({
    tweet,
    tagKeys: hashtagKeys(tweet.hashtags),
    sentiment: scoreSentiment(tweet.text, tweet.lang),
    profile: (tweet.authorId !== null ? found.get(tweet.authorId) : undefined) ?? tweet.author ?? null,
  }));
}
