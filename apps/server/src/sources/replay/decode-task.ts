// Runs on a DecodePool thread: cuts a block of whole lines with the LineSplitter, decodes each
// line by the rule the main thread uses (lineOutcome) and analyses each tweet for the job.
import {
  analysisFromKeys,
  analyzeTweet,
  decodeLine,
  type Profile,
  type SentimentLabel,
  type SentimentScorerName,
  type Tweet,
} from '@hashpulse/tweets';
import { LineSplitter } from '../../files/line-splitter.js';
import type { TweetAnalysedAhead } from '../../job/analysed-tweet.js';
import { lineOutcome, type LineOutcomeProblem, type SplitLine } from './line-outcome.js';

export interface DecodeBlockRequest {
  /** Whole lines (see LineBlock), in parts; Buffers sent, Uint8Arrays received. */
  parts: Uint8Array[];
  oversizedFirst: boolean;
  firstLine: number;
  maxLineBytes: number;
  scorer: SentimentScorerName;
}

export interface DecodedBlock {
  /** The block's tweets in line order, each analysed ahead (tweet.ahead). */
  records: Array<{ tweet: TweetAnalysedAhead; profiles: Profile[]; line: number }>;
  problems: LineOutcomeProblem[];
}

export function decodeBlocks(requests: DecodeBlockRequest[]): DecodedBlock[] {
  return requests.map(decodeBlock);
}

/**
 * decodeBlocks on a pool thread, answered as one JSON string (in a one-element array: the pool's
 * tasks answer arrays) rather than as objects: a string crosses threads as one copy, while the
 * structured clone rebuilds every object of every tweet. On 3,898 generated tweets (4 MiB of
 * input) the main thread took 49.5 ms to deserialise the clone but 21.2 ms to JSON.parse the
 * string, and parsing the raw input lines took 43.5 ms: received as objects, a thread's block cost
 * the main thread more than decoding it. The thread's side is about even (26.8 ms to serialise,
 * 28.9 to stringify). Every field of a decoded block is JSON's own (strings, finite numbers,
 * booleans, null, arrays, plain objects); decode-pool.test.ts holds both ways equal.
 */
export function decodeBlocksAsJson(requests: DecodeBlockRequest[]): [string] {
  const decoded = decodeBlocks(requests);
  return [JSON.stringify(decoded.map((block, i) => toWire(block, requests[i]!.scorer)))];
}

/**
 * A decoded block as it crosses back (decodeBlocksAsJson, fromWire): each tweet and profile as a
 * row of its fields in a fixed order rather than as an object, whose member names were half the
 * answer's bytes. The author is most often one of its line's profiles (sent with the line's first
 * tweet), so it goes as an index there; the analysis as each hashtag's key and the sentiment
 * (analysisFromKeys rebuilds the rest). Rows against objects, side by side on 60 blocks of 1 MB:
 * the answer about half as long (generated tweets 14.3 against 28.7 MB, the demo stream 14.5
 * against 28.4, search pages 7.0 against 12.3) and the main thread's JSON.parse plus rebuild
 * 40-45% cheaper (search pages: 25%). Objects against the full records before that: 24% shorter,
 * and 13% cheaper to parse and rebuild.
 */
export interface WireBlock {
  scorer: SentimentScorerName;
  records: WireRecord[];
  problems: LineOutcomeProblem[];
}

type WireRecord = [tweet: TweetRow, profiles: ProfileRow[], line: number];

/** Profile's fields in order. */
type ProfileRow = [
  id: string,
  username: string | null,
  name: string | null,
  verified: boolean | null,
  followers: number | null,
  following: number | null,
  tweetCount: number | null,
  createdAt: number | null,
  location: string | null,
];

/** Tweet's fields in order, its flags as bits, then its analysis (see WireBlock). */
type TweetRow = [
  id: string,
  createdAt: number,
  text: string,
  lang: string | null,
  authorId: string | null,
  hashtags: string[],
  mentions: string[],
  flags: number,
  /** An index into the line's profiles, or the author's profile itself, or null. */
  author: number | ProfileRow | null,
  /** The key of each of `hashtags`, in order. */
  keys: string[],
  score: number,
  label: SentimentLabel,
];

const RETWEET = 1;
const QUOTE = 2;
const REPLY = 4;

function profileRow(p: Profile): ProfileRow {
  return [
    p.id,
    p.username,
    p.name,
    p.verified,
    p.followers,
    p.following,
    p.tweetCount,
    p.createdAt,
    p.location,
  ];
}

function profileOf(row: ProfileRow): Profile {
  return {
    id: row[0],
    username: row[1],
    name: row[2],
    verified: row[3],
    followers: row[4],
    following: row[5],
    tweetCount: row[6],
    createdAt: row[7],
    location: row[8],
  };
}

function toWire(block: DecodedBlock, scorer: SentimentScorerName): WireBlock {
  const lines = new LineProfiles<Map<Profile, number>>(
    (profiles) => new Map(profiles.map((profile, i) => [profile, i])),
    new Map(),
  );
  const records = block.records.map(({ tweet, profiles, line }): WireRecord => {
    const indexOf = lines.of(line, profiles);
    const { analysis } = tweet.ahead!;
    const { author } = tweet;
    const row: TweetRow = [
      tweet.id,
      tweet.createdAt,
      tweet.text,
      tweet.lang,
      tweet.authorId,
      tweet.hashtags,
      tweet.mentions,
      (tweet.isRetweet ? RETWEET : 0) | (tweet.isQuote ? QUOTE : 0) | (tweet.isReply ? REPLY : 0),
      author === null ? null : (indexOf.get(author) ?? profileRow(author)),
      analysis.hashtags.map((hashtag) => hashtag.key),
      analysis.sentiment.score,
      analysis.sentiment.label,
    ];
    return [row, profiles.map(profileRow), line];
  });
  return { scorer, records, problems: block.problems };
}

/** The block decodeBlocks gave, from its wire form (on the main thread). */
export function fromWire(wire: WireBlock): DecodedBlock {
  const lines = new LineProfiles<Profile[]>((profiles) => profiles, []);
  const { scorer } = wire;
  const records = wire.records.map(([row, profileRows, line]) => {
    // A line's profiles come with its first record only; its other records index the same objects.
    const profiles = profileRows.map(profileOf);
    const lineProfiles = lines.of(line, profiles);
    const author = row[8];
    const hashtags = row[5];
    // Built in the decoder's member order, so tweets from either side share one shape.
    const tweet: TweetAnalysedAhead = {
      id: row[0],
      createdAt: row[1],
      text: row[2],
      lang: row[3],
      authorId: row[4],
      hashtags,
      mentions: row[6],
      isRetweet: (row[7] & RETWEET) !== 0,
      isQuote: (row[7] & QUOTE) !== 0,
      isReply: (row[7] & REPLY) !== 0,
      author: typeof author === 'number' ? lineProfiles[author]! : author === null ? null : profileOf(author),
      ahead: { scorer, analysis: analysisFromKeys(hashtags, row[9], { score: row[10], label: row[11] }) },
    };
    return { tweet, profiles, line };
  });
  return { records, problems: wire.problems };
}

/** The profiles of the line a record came from: they come with the line's first record only. */
class LineProfiles<T> {
  private line = -1;
  private current: T;

  constructor(
    private readonly make: (profiles: Profile[]) => T,
    private readonly none: T,
  ) {
    this.current = none;
  }

  of(line: number, profiles: Profile[]): T {
    if (line !== this.line) {
      this.line = line;
      this.current = profiles.length > 0 ? this.make(profiles) : this.none;
    }
    return this.current;
  }
}

function decodeBlock(request: DecodeBlockRequest): DecodedBlock {
  const { parts, scorer } = request;
  const out: DecodedBlock = { records: [], problems: [] };
  let line = request.firstLine;
  const onTweet = (tweet: Tweet, profiles: Profile[]) => {
    const ahead = tweet as TweetAnalysedAhead;
    ahead.ahead = { scorer, analysis: analyzeTweet(tweet, scorer) };
    out.records.push({ tweet: ahead, profiles, line });
  };
  const onProblem = (problem: LineOutcomeProblem) => out.problems.push(problem);
  // One line at a time: lineOutcome keeps nothing of it.
  const split: SplitLine = { text: '', oversized: false, bytes: null, start: 0, end: 0 };
  const onLine = (text: string, oversized: boolean, bytes: Buffer | null, start: number, end: number) => {
    split.text = text;
    split.oversized = oversized;
    split.bytes = bytes;
    split.start = start;
    split.end = end;
    lineOutcome(split, line, decodeLine, onTweet, onProblem);
    line++;
  };
  if (request.oversizedFirst) onLine('', true, null, 0, 0);
  // Lines as their bytes, for decodeLineBytes (as decode-file.ts reads them).
  const splitter = new LineSplitter(request.maxLineBytes, 'bytes');
  for (const part of parts) splitter.push(Buffer.from(part.buffer, part.byteOffset, part.byteLength), onLine);
  splitter.flush(onLine);
  return out;
}
