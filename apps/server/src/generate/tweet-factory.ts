// Builds one X API v2 filtered-stream message (`data`, `includes`, `matching_rules`) for a tweet
// at a given time: text with real entity offsets, retweets/replies/quotes with their referenced
// tweets and users under `includes`, as the API sends them.
import { authorAt, userObject, type SyntheticAuthor } from './authors.js';
import { spellingVariant } from './hashtags.js';
import type { Random } from './random.js';
import { type ZipfSampler } from './random.js';
import { burstRate, type Burst, type TrendSchedule } from './trends.js';
import { EMOJI, MATCHING_RULES, PHRASES, SOURCES, TOPICS, type Language, type Mood } from './vocabulary.js';

/** X's snowflake epoch: ids encode their creation time, so ids rise with time as real ones do. */
const SNOWFLAKE_EPOCH = 1_288_834_974_657n;
const RT_TEXT_LIMIT = 140;

export interface FactoryContext {
  seed: number;
  random: Random;
  authors: ZipfSampler;
  hashtags: readonly string[];
  hashtagRanks: ZipfSampler;
  trends: TrendSchedule;
  /** Snowflake sequence bits; per stream, so every run with a seed gives the same ids. */
  sequence: number;
}

type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'hashtag'; tag: string }
  | { kind: 'mention'; username: string }
  | { kind: 'url'; url: string; expanded: string };

interface Composed {
  text: string;
  entities: Record<string, unknown[]>;
}

function snowflake(ctx: FactoryContext, timeMs: number, worker: number): string {
  ctx.sequence = (ctx.sequence + 1) & 0xfff;
  return (
    (BigInt(timeMs) - SNOWFLAKE_EPOCH) * 4_194_304n +
    BigInt(((worker & 0x3ff) << 12) | ctx.sequence)
  ).toString();
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Joins segments into text and v2 entities; offsets count code points, as the API's do. */
/** How a segment reads in the tweet's text. */
function segmentText(segment: Segment): string {
  switch (segment.kind) {
    case 'text':
      return segment.text;
    case 'hashtag':
      return `#${segment.tag}`;
    case 'mention':
      return `@${segment.username}`;
    case 'url':
      return segment.url;
  }
}

function compose(segments: Segment[]): Composed {
  let text = '';
  let offset = 0;
  const hashtags: unknown[] = [];
  const mentions: unknown[] = [];
  const urls: unknown[] = [];
  for (const segment of segments) {
    const piece = segmentText(segment);
    const length = codePoints(piece);
    if (segment.kind === 'hashtag') hashtags.push({ start: offset, end: offset + length, tag: segment.tag });
    if (segment.kind === 'mention')
      mentions.push({ start: offset, end: offset + length, username: segment.username });
    if (segment.kind === 'url') {
      urls.push({
        start: offset,
        end: offset + length,
        url: segment.url,
        expanded_url: segment.expanded,
        display_url: segment.expanded.replace(/^https:\/\//, '').slice(0, 26),
      });
    }
    text += piece;
    offset += length;
  }
  const entities: Record<string, unknown[]> = {};
  if (hashtags.length > 0) entities.hashtags = hashtags;
  if (mentions.length > 0) entities.mentions = mentions;
  if (urls.length > 0) entities.urls = urls;
  return { text, entities };
}

function shortUrl(random: Random): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let code = '';
  for (let i = 0; i < 10; i++) code += alphabet[random.int(alphabet.length)];
  return `https://t.co/${code}`;
}

function randomMood(random: Random): Mood {
  return random.weighted({ positive: 38, negative: 27, neutral: 35 });
}

/** The opinion part of a tweet: a phrase in `lang` with `mood`, hashtags, maybe emoji. */
function opinion(ctx: FactoryContext, lang: Language, mood: Mood, burst: Burst | null): Segment[] {
  const { random } = ctx;
  const topic = burst && random.chance(0.6) && lang === 'en' ? burst.words : random.pick(TOPICS[lang]);
  const phrase = random.pick(PHRASES[lang][mood]).replace('{topic}', topic);
  const segments: Segment[] = [];
  const tags: string[] = [];
  if (burst) tags.push(burst.tag);
  const extra = random.weighted({ zero: 20, one: 45, two: 25, three: 10 });
  const count = { zero: 0, one: 1, two: 2, three: 3 }[extra];
  for (let i = 0; i < count; i++) {
    const tag = ctx.hashtags[ctx.hashtagRanks.sample(random)]!;
    if (!tags.includes(tag)) tags.push(tag);
  }
  // Some people put a tag inside the sentence, most append them.
  if (tags.length > 0 && random.chance(0.2)) {
    segments.push(
      { kind: 'hashtag', tag: spellingVariant(tags.shift()!, random) },
      { kind: 'text', text: ' ' },
    );
  }
  segments.push({ kind: 'text', text: phrase });
  if (random.chance(0.45))
    segments.push({
      kind: 'text',
      text: ` ${random.pick(EMOJI[mood])}${random.chance(0.3) ? random.pick(EMOJI[mood]) : ''}`,
    });
  for (const tag of tags)
    segments.push({ kind: 'text', text: ' ' }, { kind: 'hashtag', tag: spellingVariant(tag, random) });
  return segments;
}

function chooseBurst(ctx: FactoryContext, offsetMs: number): Burst | null {
  const { trends, random } = ctx;
  let total = trends.baseRate;
  const rates = trends.bursts.map((burst) => burstRate(burst, offsetMs));
  for (const rate of rates) total += rate;
  let draw = random.next() * total - trends.baseRate;
  for (let i = 0; i < rates.length; i++) {
    if (draw < 0) return null;
    draw -= rates[i]!;
    if (draw < 0) return trends.bursts[i]!;
  }
  return null;
}

/** A tweet someone else wrote earlier, referenced by a retweet, reply or quote. */
function referencedTweet(
  ctx: FactoryContext,
  timeMs: number,
  lang: Language,
  body?: Segment[],
): { author: SyntheticAuthor; tweet: Record<string, unknown> } {
  const { random } = ctx;
  const author = authorAt(ctx.seed, ctx.authors.sample(random));
  const composed = compose(body ?? opinion(ctx, lang, randomMood(random), null));
  const createdMs = Math.floor((timeMs - random.between(60_000, 6 * 3_600_000)) / 1000) * 1000;
  const id = snowflake(ctx, createdMs, 1000 + random.int(20));
  const tweet: Record<string, unknown> = {
    id,
    text: composed.text,
    created_at: new Date(createdMs).toISOString(),
    author_id: author.id,
    lang,
    conversation_id: id,
    public_metrics: {
      retweet_count: random.int(500),
      reply_count: random.int(50),
      like_count: random.int(2000),
      quote_count: random.int(20),
    },
    edit_history_tweet_ids: [id],
  };
  if (Object.keys(composed.entities).length > 0) tweet.entities = composed.entities;
  return { author, tweet };
}

/** Cuts a retweet's text as v2 does (the full text is only in the referenced tweet). */
function truncate(segments: Segment[], limit: number): Segment[] {
  const out: Segment[] = [];
  let used = 0;
  for (const segment of segments) {
    const piece = segmentText(segment);
    const length = codePoints(piece);
    if (used + length <= limit) {
      out.push(segment);
      used += length;
      continue;
    }
    // A cut entity is no longer an entity: keep its visible start as plain text.
    out.push({ kind: 'text', text: `${[...piece].slice(0, Math.max(0, limit - used)).join('')}…` });
    break;
  }
  return out;
}

/** One stream message for a tweet created at `timeMs` (`offsetMs` after the stream's start). */
export function buildMessage(ctx: FactoryContext, timeMs: number, offsetMs: number): Record<string, unknown> {
  const { random } = ctx;
  const author = authorAt(ctx.seed, ctx.authors.sample(random));
  const lang: Language = random.chance(0.9) ? author.lang : 'en';
  const burst = chooseBurst(ctx, offsetMs);
  const mood: Mood = burst && random.chance(0.7) ? burst.mood : randomMood(random);
  const kind = random.weighted({ original: 53, retweet: 25, reply: 15, quote: 7 });
  const id = snowflake(ctx, timeMs, random.int(1000));
  const data: Record<string, unknown> = { id };
  const includes: { users: unknown[]; tweets: unknown[] } = { users: [], tweets: [] };
  let segments: Segment[];

  if (kind === 'retweet') {
    // The retweeted tweet carries this message's opinion, so bursts and moods show through retweets.
    const body = opinion(ctx, lang, mood, burst);
    const original = referencedTweet(ctx, timeMs, lang, body);
    segments = [
      { kind: 'text', text: 'RT ' },
      { kind: 'mention', username: original.author.username },
      { kind: 'text', text: ': ' },
      ...body,
    ];
    segments = truncate(segments, RT_TEXT_LIMIT);
    data.referenced_tweets = [{ type: 'retweeted', id: original.tweet.id }];
    includes.tweets.push(original.tweet);
    includes.users.push(userObject(original.author));
  } else if (kind === 'reply') {
    const parent = referencedTweet(ctx, timeMs, lang);
    segments = [
      { kind: 'mention', username: parent.author.username },
      { kind: 'text', text: ' ' },
      ...opinion(ctx, lang, mood, burst),
    ];
    data.referenced_tweets = [{ type: 'replied_to', id: parent.tweet.id }];
    data.in_reply_to_user_id = parent.author.id;
    data.conversation_id = parent.tweet.id;
    includes.tweets.push(parent.tweet);
    includes.users.push(userObject(parent.author));
  } else if (kind === 'quote') {
    const quoted = referencedTweet(ctx, timeMs, lang);
    const link = shortUrl(random);
    segments = [
      ...opinion(ctx, lang, mood, burst),
      { kind: 'text', text: ' ' },
      {
        kind: 'url',
        url: link,
        expanded: `https://twitter.com/${quoted.author.username}/status/${String(quoted.tweet.id)}`,
      },
    ];
    data.referenced_tweets = [{ type: 'quoted', id: quoted.tweet.id }];
    includes.tweets.push(quoted.tweet);
    includes.users.push(userObject(quoted.author));
  } else {
    segments = opinion(ctx, lang, mood, burst);
    if (random.chance(0.15)) {
      const mentioned = authorAt(ctx.seed, ctx.authors.sample(random));
      segments = [
        ...segments,
        { kind: 'text', text: ' cc ' },
        { kind: 'mention', username: mentioned.username },
      ];
      includes.users.push(userObject(mentioned));
    }
    if (random.chance(0.1)) {
      const link = shortUrl(random);
      segments = [
        ...segments,
        { kind: 'text', text: ' ' },
        { kind: 'url', url: link, expanded: `https://example.com/${id}` },
      ];
    }
  }

  const composed = compose(segments);
  data.text = composed.text;
  data.created_at = new Date(timeMs - (timeMs % 1000)).toISOString();
  data.author_id = author.id;
  data.lang = lang;
  if (data.conversation_id === undefined) data.conversation_id = id;
  data.possibly_sensitive = false;
  data.reply_settings = 'everyone';
  data.source = random.pick(SOURCES);
  data.public_metrics = { retweet_count: 0, reply_count: 0, like_count: 0, quote_count: 0 };
  if (Object.keys(composed.entities).length > 0) data.entities = composed.entities;
  data.edit_history_tweet_ids = [id];

  const message: Record<string, unknown> = { data };
  const include: Record<string, unknown[]> = {};
  if (includes.users.length > 0) include.users = includes.users;
  if (includes.tweets.length > 0) include.tweets = includes.tweets;
  if (Object.keys(include).length > 0) message.includes = include;
  message.matching_rules = [random.pick(MATCHING_RULES)];
  return message;
}
