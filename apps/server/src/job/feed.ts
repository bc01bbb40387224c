// The live feed: a few tweets per batch, spread evenly over it, in the dashboard's shape.
import type { FeedTweet } from '@hashpulse/protocol';
import type { AnalysedTweet } from './analysed-tweet.js';

export function sampleEvenly<T>(items: readonly T[], limit: number): T[] {
  if (items.length <= limit) return items.slice();
  const step = items.length / limit;
  return Array.from({ length: limit }, (_, i) => items[Math.floor(i * step)]!);
}

export function toFeedTweet(item: AnalysedTweet): FeedTweet {
  const { tweet, profile } = item;
  return {
    id: tweet.id,
    createdAt: tweet.createdAt,
    text: tweet.text,
    lang: tweet.lang,
    authorId: tweet.authorId,
    authorUsername: profile?.username ?? null,
    authorName: profile?.name ?? null,
    hashtags: item.hashtags,
    sentiment: item.sentiment,
  };
}
