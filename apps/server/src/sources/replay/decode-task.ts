// Runs on a DecodePool thread: cuts a block of whole lines with the LineSplitter, decodes each
// line by the rule the main thread uses (lineOutcome) and analyses each tweet for the job.
import {
  analysisFromKeys,
  analyzeTweet,
  decodeLine,
  type Profile,
  type SentimentScore,
  type SentimentScorerName,
  type Tweet,
} from '@hashpulse/tweets';
import { LineSplitter } from '../../files/line-splitter.js';
import type { TweetAnalysedAhead } from '../../job/analysed-tweet.js';
import { lineOutcome, type LineOutcomeProblem } from './line-outcome.js';

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
  return [JSON.stringify(decodeBlocks(requests).map(toWire))];
}

/**
 * A decoded block as it crosses back (decodeBlocksAsJson, fromWire): each tweet without its author
 * and analysis, which travel lighter. The author is most often one of its line's profiles (sent
 * with the line's first tweet), so it goes as an index there; the analysis as each hashtag's key
 * and the sentiment (analysisFromKeys rebuilds the rest). Measured on 60 blocks each, both ways
 * side by side: the answer is 24% shorter for generated tweets and 17% for search pages, and the
 * main thread's JSON.parse plus rebuild took 13% and 8% less than parsing the full records (the
 * thread's side came out even: building the wire form costs what the shorter stringify saves).
 */
export interface WireBlock {
  records: WireRecord[];
  problems: LineOutcomeProblem[];
}

interface WireRecord {
  tweet: WireTweet;
  profiles: Profile[];
  line: number;
}

/** The tweet with its author and analysis in their wire forms (replaced in place on arrival). */
interface WireTweet extends Omit<Tweet, 'author'> {
  /** An index into the line's profiles, or the author's profile itself, or null. */
  author: number | Profile | null;
  /** The key of each of `hashtags`, in order, and the sentiment. */
  ahead: { scorer: SentimentScorerName; keys: string[]; sentiment: SentimentScore };
}

function toWire(block: DecodedBlock): WireBlock {
  const lines = new LineProfiles<Map<Profile, number>>(
    (profiles) => new Map(profiles.map((profile, i) => [profile, i])),
    new Map(),
  );
  const records = block.records.map(({ tweet, profiles, line }): WireRecord => {
    const indexOf = lines.of(line, profiles);
    const { scorer, analysis } = tweet.ahead!;
    const wire: WireTweet = {
      ...tweet,
      author: tweet.author === null ? null : (indexOf.get(tweet.author) ?? tweet.author),
      ahead: { scorer, keys: analysis.hashtags.map((hashtag) => hashtag.key), sentiment: analysis.sentiment },
    };
    return { tweet: wire, profiles, line };
  });
  return { records, problems: block.problems };
}

/** The block decodeBlocks gave, from its wire form (on the main thread, in place). */
export function fromWire(wire: WireBlock): DecodedBlock {
  const lines = new LineProfiles<Profile[]>((profiles) => profiles, []);
  for (const { tweet, profiles, line } of wire.records) {
    const { author, ahead } = tweet;
    const arrived = tweet as unknown as TweetAnalysedAhead;
    const lineProfiles = lines.of(line, profiles);
    arrived.author = typeof author === 'number' ? lineProfiles[author]! : author;
    arrived.ahead = {
      scorer: ahead.scorer,
      analysis: analysisFromKeys(tweet.hashtags, ahead.keys, ahead.sentiment),
    };
  }
  return wire as unknown as DecodedBlock;
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
  const onLine = (text: string, oversized: boolean) => {
    lineOutcome(text, oversized, line, decodeLine, onTweet, onProblem);
    line++;
  };
  if (request.oversizedFirst) onLine('', true);
  const splitter = new LineSplitter(request.maxLineBytes);
  for (const part of parts) splitter.push(Buffer.from(part.buffer, part.byteOffset, part.byteLength), onLine);
  splitter.flush(onLine);
  return out;
}
