// Decodes one v1.1 status (classic streaming API, twarc1) into a Tweet.
import type { Profile, Tweet } from '../tweet.js';
import { hashtagsOf, mentionsOf, union } from './entities.js';
import { type JsonObject, id, isObject, obj, str } from './json.js';
import { profileFromV1 } from './profile.js';
import { unescapeTweetText } from './text.js';
import { parseTweetTime } from './time.js';
import { TweetShapeError } from '../errors.js';

/** The full text of a status: extended_tweet (streaming, >140 chars), full_text (REST), text. */
function body(status: JsonObject): { text: string; entities: JsonObject | undefined } {
  const extended = obj(status.extended_tweet);
  const extendedText = extended ? str(extended.full_text) : null;
  if (extended && extendedText !== null) return { text: extendedText, entities: obj(extended.entities) };
  return { text: str(status.full_text) ?? str(status.text) ?? '', entities: obj(status.entities) };
}

function createdAtOf(status: JsonObject): number | null {
  // timestamp_ms is exact to the millisecond; created_at only to the second.
  const ms = str(status.timestamp_ms);
  if (ms !== null && /^\d+$/.test(ms)) return Number(ms);
  return parseTweetTime(str(status.created_at));
}

/** As for v2, a retweet counts with the retweeted status's full text and hashtags. */
export function decodeV1Tweet(status: JsonObject): Tweet {
  const tweetId = id(status.id_str) ?? id(status.id);
  if (tweetId === null) throw new TweetShapeError('status has no id_str');
  const createdAt = createdAtOf(status);
  if (createdAt === null) throw new TweetShapeError(`status ${tweetId} has no valid created_at`);
  if (
    typeof status.text !== 'string' &&
    typeof status.full_text !== 'string' &&
    !obj(status.extended_tweet)
  ) {
    throw new TweetShapeError(`status ${tweetId} has no text`);
  }
  const retweeted = obj(status.retweeted_status);
  const own = body(status);
  const counted = retweeted !== undefined ? body(retweeted) : own;
  let mentions = mentionsOf(own.entities, own.text, true);
  // Stryker disable next-line ConditionalExpression: equivalent, without an original the counted body is the status's own
  if (retweeted !== undefined) mentions = union(mentions, mentionsOf(counted.entities, counted.text, true));
  const user = obj(status.user);
  const author = user ? profileFromV1(user) : null;
  return {
    id: tweetId,
    createdAt,
    text: unescapeTweetText(counted.text),
    lang: str(status.lang),
    authorId: author?.id ?? null,
    hashtags: hashtagsOf(counted.entities, counted.text, true),
    mentions,
    isRetweet: retweeted !== undefined,
    isQuote: status.is_quote_status === true || isObject(status.quoted_status),
    isReply: id(status.in_reply_to_status_id_str) !== null || id(status.in_reply_to_status_id) !== null,
    author,
  };
}

/** Profiles a status carries: its author and the authors of the statuses it embeds. */
export function profilesV1(status: JsonObject, into: Profile[]): void {
  for (const holder of [status, obj(status.retweeted_status), obj(status.quoted_status)]) {
    const user = holder ? obj(holder.user) : undefined;
    const profile = user ? profileFromV1(user) : null;
    if (profile) into.push(profile);
  }
}

/** True when a record without `data` is a v1.1 status rather than a flattened v2 tweet. */
export function looksLikeV1(record: JsonObject): boolean {
  return (
    typeof record.id_str === 'string' ||
    isObject(record.user) ||
    isObject(record.extended_tweet) ||
    typeof record.full_text === 'string'
  );
}
