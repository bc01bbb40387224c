// Decodes one X API v2 tweet object (stream message `data`, page `data[i]`, or a twarc2
// flattened tweet) into a Tweet, resolving retweets through includes or inlined references.
import { TweetShapeError } from '../errors.js';
import type { Profile, Tweet } from '../tweet.js';
import { hashtagsOf, mentionsOf, union } from './entities.js';
import { type JsonObject, arr, id, isObject, obj, str } from './json.js';
import { profileFromV2 } from './profile.js';
import { unescapeTweetText } from './text.js';
import { parseTweetTime } from './time.js';

/** Expansions up to this many are scanned; past it (a page's), a map is built at the first lookup. */
const SCANNED_INCLUDES = 8;

/**
 * Expansions a v2 message or page carries: referenced tweets and users, found by id (the last of
 * a repeated id wins). A stream message carries a handful, where building two maps per line cost
 * more than the lookups they serve: scanning made decodeLine 4% faster on generated stream
 * messages (296 against 310 ms per 60,000 lines, side by side) and no slower on the demo stream.
 */
export class V2Includes {
  private tweetIndex: Map<string, JsonObject> | null = null;
  private userIndex: Map<string, Profile> | null = null;

  /** `tweets`: includes.tweets as given; the users: `profiles[from]` to `profiles[to - 1]`. */
  constructor(
    private readonly tweets: readonly unknown[],
    private readonly profiles: readonly Profile[],
    private readonly from: number,
    private readonly to: number,
  ) {}

  /** The referenced tweet with this id: an object whose `id` is this string. */
  tweet(id: string): JsonObject | undefined {
    const tweets = this.tweets;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: speed only; both ways find the same (decode-edges.test.ts runs each)
    if (tweets.length <= SCANNED_INCLUDES) {
      // Stryker disable next-line ArithmeticOperator: equivalent, a slot past the end reads undefined, no object
      for (let i = tweets.length - 1; i >= 0; i--) {
        const tweet = tweets[i];
        if (isObject(tweet) && str(tweet.id) === id) return tweet;
      }
      return undefined;
    }
    // Stryker disable next-line ConditionalExpression: speed only; building the map again finds the same
    if (this.tweetIndex === null) {
      this.tweetIndex = new Map();
      for (const tweet of tweets) {
        if (!isObject(tweet)) continue;
        const key = str(tweet.id);
        if (key !== null) this.tweetIndex.set(key, tweet);
      }
    }
    return this.tweetIndex.get(id);
  }

  /** The included user's profile with this id. */
  user(id: string): Profile | undefined {
    const { profiles, from, to } = this;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator,BlockStatement: speed only, as in tweet()
    if (to - from <= SCANNED_INCLUDES) {
      for (let i = to - 1; i >= from; i--) if (profiles[i]!.id === id) return profiles[i];
      return undefined;
    }
    // Stryker disable next-line ConditionalExpression: speed only, as in tweet()
    if (this.userIndex === null) {
      this.userIndex = new Map();
      for (let i = from; i < to; i++) this.userIndex.set(profiles[i]!.id, profiles[i]!);
    }
    return this.userIndex.get(id);
  }
}

// Stryker disable next-line ArrayDeclaration: equivalent, a list of non-objects finds nothing
export const NO_INCLUDES = new V2Includes([], [], 0, 0);

/** The full text of a v2 body: long posts carry it in note_tweet, the `text` is then cut at 280. */
function body(tweet: JsonObject): { text: string; entities: JsonObject | undefined } {
  const note = obj(tweet.note_tweet);
  const noteText = note ? str(note.text) : null;
  if (note && noteText !== null) return { text: noteText, entities: obj(note.entities) };
  // Stryker disable next-line StringLiteral: unreachable, every body read here has a string text (checked or withText)
  return { text: str(tweet.text) ?? '', entities: obj(tweet.entities) };
}

/** A referenced tweet that can stand as the counted original: one that carries its text. */
function withText(tweet: JsonObject | undefined): JsonObject | undefined {
  return tweet !== undefined && typeof tweet.text === 'string' ? tweet : undefined;
}

/**
 * Retweets count with the retweeted post's full text and hashtags, because v2 cuts RT text at
 * 140 characters ("RT @user: ... …") and with it any hashtag near the end. The original comes
 * from includes.tweets (messages, pages) or is inlined in referenced_tweets (twarc2 flatten).
 * Without it we keep the retweet's own (possibly truncated) text and entities.
 */
export function decodeV2Tweet(tweet: JsonObject, includes: V2Includes): Tweet {
  const tweetId = id(tweet.id);
  if (tweetId === null) throw new TweetShapeError('tweet has no id');
  const createdAt = parseTweetTime(str(tweet.created_at));
  if (createdAt === null) {
    throw new TweetShapeError(`tweet ${tweetId} has no valid created_at (request tweet.fields=created_at)`);
  }
  if (typeof tweet.text !== 'string') throw new TweetShapeError(`tweet ${tweetId} has no text`);

  let isRetweet = false;
  let isQuote = false;
  let isReply = false;
  let original: JsonObject | undefined;
  const refs = arr(tweet.referenced_tweets);
  if (refs !== undefined) {
    for (const ref of refs) {
      if (!isObject(ref)) continue;
      const type = ref.type;
      if (type === 'retweeted') {
        isRetweet = true;
        const refId = id(ref.id);
        original = withText(refId !== null ? includes.tweet(refId) : undefined) ?? withText(ref);
      } else if (type === 'quoted') isQuote = true;
      else if (type === 'replied_to') isReply = true;
    }
  }
  const own = body(tweet);
  // Without referenced_tweets in the request, the "RT @" prefix is the only sign of a retweet.
  if (refs === undefined && own.text.startsWith('RT @')) isRetweet = true;
  if (refs === undefined && str(tweet.in_reply_to_user_id) !== null) isReply = true;

  const counted = original !== undefined ? body(original) : own;
  let mentions = mentionsOf(own.entities, own.text, false);
  // Stryker disable next-line ConditionalExpression: equivalent, without an original the counted body is the tweet's own
  if (original !== undefined) mentions = union(mentions, mentionsOf(counted.entities, counted.text, false));

  const authorId = id(tweet.author_id);
  const inlineAuthor = obj(tweet.author);
  const author =
    (inlineAuthor !== undefined ? profileFromV2(inlineAuthor) : null) ??
    (authorId !== null ? (includes.user(authorId) ?? null) : null);

  return {
    id: tweetId,
    createdAt,
    text: unescapeTweetText(counted.text),
    lang: str(tweet.lang),
    authorId: authorId ?? author?.id ?? null,
    hashtags: hashtagsOf(counted.entities, counted.text, false),
    mentions,
    isRetweet,
    isQuote,
    isReply,
    author,
  };
}

/** Profiles inlined in a flattened tweet: its author, the replied-to user, referenced authors. */
export function inlineProfilesV2(tweet: JsonObject, into: Profile[]): void {
  for (const key of ['author', 'in_reply_to_user']) {
    const user = obj(tweet[key]);
    const profile = user ? profileFromV2(user) : null;
    if (profile) into.push(profile);
  }
  const refs = arr(tweet.referenced_tweets);
  if (refs === undefined) return;
  for (const ref of refs) {
    const user = isObject(ref) ? obj(ref.author) : undefined;
    const profile = user ? profileFromV2(user) : null;
    if (profile) into.push(profile);
  }
}
