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
  /** Whole lines (see LineBlock); a Buffer sent, a Uint8Array received. */
  bytes: Uint8Array;
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

function decodeBlock(request: DecodeBlockRequest): DecodedBlock {
  const { bytes, scorer } = request;
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
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  splitter.push(buffer, onLine);
  splitter.flush(onLine);
  return out;
}
