// The fields and expansions every stream request asks for: what the analytics and the profile
// store read (text, time, language, hashtags, retweet/quote/reply, author and their profile).

export const TWEET_FIELDS = [
  'created_at',
  'lang',
  'entities',
  'referenced_tweets',
  'author_id',
  'note_tweet',
];
export const USER_FIELDS = ['username', 'name', 'verified', 'public_metrics', 'created_at', 'location'];
export const EXPANSIONS = ['author_id', 'referenced_tweets.id'];

/** Query parameters of GET /2/tweets/search/stream and /2/tweets/sample/stream. */
export function streamQuery(backfillMinutes?: number): Record<string, string[] | number> {
  const query: Record<string, string[] | number> = {
    'tweet.fields': TWEET_FIELDS,
    'user.fields': USER_FIELDS,
    expansions: EXPANSIONS,
  };
  // Only the Pro and Enterprise levels accept backfill; the default leaves it out.
  if (backfillMinutes !== undefined && backfillMinutes > 0) query.backfill_minutes = backfillMinutes;
  return query;
}
