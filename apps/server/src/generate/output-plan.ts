// What `hashpulse generate --out` will write, checked before writing: the name must be one the
// generator writes (JSON lines, plain or gzip), and a large output is announced with its estimated
// size (rate × duration × bytes per tweet), so a typo in --rate cannot fill a disk unannounced.
import path from 'node:path';
import { GenerateOutputError, type StreamOptions } from './options.js';
import { expectedTweets } from './stream-generator.js';

/**
 * Bytes per generated tweet, measured on the generator's own output (`hashpulse generate
 * --minutes 5 --rate 50`: 16.4 MB plain and 2.12 MB gzip for 15,054 tweets).
 */
export const BYTES_PER_TWEET = { plain: 1100, gzip: 141 } as const;
/** Outputs expected to be at least this big are announced on stderr. */
export const LARGE_OUTPUT_BYTES = 100_000_000;

const WRITTEN = /\.jsonl(\.gz)?$/i;

/** Refuses (GenerateOutputError) a name the generator would not write, saying which it writes. */
export function checkOutputName(out: string, flag = '--out'): void {
  if (WRITTEN.test(out)) return;
  const base = path.basename(out);
  const dot = base.indexOf('.', 1);
  const stem = dot === -1 ? base : base.slice(0, dot);
  const what = dot === -1 ? 'a name without an extension' : `a ${base.slice(dot)} file`;
  throw new GenerateOutputError(
    `${flag} ${out}: generate writes X API v2 JSON lines to a .jsonl file, or .jsonl.gz for gzip, not ${what}; name it e.g. ${path.join(path.dirname(out), `${stem}.jsonl.gz`)}`,
  );
}

function gigabytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}

export interface OutputPlan {
  tweets: number;
  gzip: boolean;
  /** Estimated bytes of the stream file. */
  bytes: number;
  /** A line for stderr when the output is large; null otherwise. */
  notice: string | null;
}

export function planOutput(out: string, options: StreamOptions): OutputPlan {
  const tweets = expectedTweets(options);
  const gzip = /\.gz$/i.test(out);
  const perTweet = gzip ? BYTES_PER_TWEET.gzip : BYTES_PER_TWEET.plain;
  const bytes = tweets * perTweet;
  if (bytes < LARGE_OUTPUT_BYTES) return { tweets, gzip, bytes, notice: null };
  const smaller = gzip
    ? ''
    : `; a .jsonl.gz name writes about ${gigabytes(tweets * BYTES_PER_TWEET.gzip)} instead`;
  const notice =
    `generate will write about ${gigabytes(bytes)} to ${out} ` +
    `(~${tweets.toLocaleString('en')} tweets at ~${perTweet.toLocaleString('en')} bytes each${gzip ? ', gzip' : ''})${smaller}`;
  return { tweets, gzip, bytes, notice };
}
