// Runs on a DecodePool thread: cuts a block of whole lines with the LineSplitter, decodes each
// line by the rule the main thread uses (lineOutcome) and analyses each tweet for the job.
import {
  analyzeTweet,
  decodeLine,
  type Profile,
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
  return [JSON.stringify(decodeBlocks(requests))];
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
