// The one rule for a line of a recording, on the main thread (decode-file.ts) and on a decode
// thread (decode-task.ts) alike: what tweets it gives, and what problems with its line number.
import { createMemberParser } from '@hashpulse/fast-json';
import {
  DECODED_MEMBERS,
  decodeLine,
  decodeLineBytes,
  type DecodedLine,
  type DecodeOptions,
  type Profile,
  type Tweet,
} from '@hashpulse/tweets';
import type { FileLine } from '../../files/index.js';
import type { SourceProblem } from '../tweet-source.js';

export type Decoder = (line: string, lineNumber: number) => DecodedLine;
type BytesDecoder = (bytes: Buffer, start: number, end: number, lineNumber: number) => DecodedLine;

/** A line as a LineSplitter hands it on: its text, or its bytes (see FileLine). */
export type SplitLine = Pick<FileLine, 'text' | 'oversized' | 'bytes' | 'start' | 'end'>;

/**
 * Lines read as bytes are parsed natively to the members the decoder reads, where the native
 * parser is built (one per thread: this module loads on each decode thread too). On the first
 * 200k lines of a generated stream, decoding took 6.4-8.2 µs a line with it against 8.6-9.3
 * without (tweets only; 5.5-6.9 against 9.0-9.6 with carried profiles), rounds in turn.
 */
const memberParser = createMemberParser(DECODED_MEMBERS);
const BYTES: DecodeOptions = Object.freeze(
  memberParser === null
    ? {}
    : { parseMembers: (bytes: Buffer, start: number, end: number) => memberParser.parse(bytes, start, end) },
);
const TWEETS_ONLY: DecodeOptions = Object.freeze({ carriedProfiles: false });
const BYTES_TWEETS_ONLY: DecodeOptions = Object.freeze({ ...BYTES, ...TWEETS_ONLY });

/**
 * decodeLine for a reader whose caller stores no carried profiles (`analyze`): the same tweets,
 * their authors joined alike, and no `profiles` (see DecodeOptions.carriedProfiles).
 */
export const decodeTweetsOnly: Decoder = (line, lineNumber) => decodeLine(line, lineNumber, TWEETS_ONLY);

/**
 * The decoders whose lines are read as bytes (LineSplitter's bytes encoding), with the twin that
 * decodes a line's bytes to what they make of it as UTF-8 text (see decodeLineBytes). Any other
 * decoder is given its lines as UTF-8.
 */
const BYTES_TWINS = new Map<Decoder, BytesDecoder>([
  [decodeLine, (bytes, start, end, lineNumber) => decodeLineBytes(bytes, start, end, lineNumber, BYTES)],
  [
    decodeTweetsOnly,
    (bytes, start, end, lineNumber) => decodeLineBytes(bytes, start, end, lineNumber, BYTES_TWEETS_ONLY),
  ],
]);

/** Whether `decode`'s lines may be read as bytes (see BYTES_TWINS). */
export function readsBytes(decode: Decoder): boolean {
  return BYTES_TWINS.has(decode);
}

/** A problem line of a recording file: a SourceProblem that always names its file. */
export interface LineProblem extends SourceProblem {
  file: string;
}

/**
 * Recordings hold tweets from 1970 to 2199. A date far beyond (JavaScript dates reach +275760)
 * would only make a replay wait out, or an engine cross, centuries of empty time.
 */
const EARLIEST_CREATED_AT = 0;
const LATEST_CREATED_AT = Date.UTC(2200, 0, 1);

/** Why a tweet's created_at cannot be played, or null. */
export function createdAtProblem(createdAt: number): string | null {
  if (!Number.isFinite(createdAt)) return 'has no valid created_at time';
  if (createdAt < EARLIEST_CREATED_AT || createdAt >= LATEST_CREATED_AT) {
    return `has created_at ${new Date(createdAt).toISOString()}, outside 1970 to 2199: fix the record's date`;
  }
  return null;
}

/** ASCII white space as String#trim takes it away: tab, line feed, vertical tab, form feed, CR, space. */
function isAsciiSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

/**
 * Whether the line is blank as its UTF-8 text trimmed is. Of bytes, only the first that is not ASCII
 * white space is read, unless it opens a character beyond ASCII (a no-break space is blank too):
 * then the line is judged on its text.
 */
function isBlank({ text, bytes, start, end }: SplitLine): boolean {
  if (bytes === null) return text.trim() === '';
  let at = start;
  while (at < end && isAsciiSpace(bytes[at]!)) at++;
  if (at === end) return true;
  if (bytes[at]! < 0x80) return false;
  return bytes.toString('utf8', start, end).trim() === '';
}

function bytesTwin(decode: Decoder): BytesDecoder {
  const twin = BYTES_TWINS.get(decode);
  if (twin === undefined) throw new TypeError('a line read as bytes reached a decoder without a twin');
  return twin;
}

/** A problem of one line, before its file is named. */
export type LineOutcomeProblem = Omit<LineProblem, 'file'>;

/**
 * What one line of a recording gives, in order: its tweets (the line's profiles with the first)
 * and its problems. The one rule for a line, here and on a decode thread. A line given as bytes
 * (see LineSplitter) is decoded by `decode`'s twin (only a decoder that readsBytes is given such
 * lines) to what `decode` makes of the line as UTF-8.
 */
export function lineOutcome(
  split: SplitLine,
  line: number,
  decode: Decoder,
  onTweet: (tweet: Tweet, profiles: Profile[]) => void,
  onProblem: (problem: LineOutcomeProblem) => void,
): void {
  if (split.oversized) {
    onProblem({ line, kind: 'rejected', message: 'line longer than 16 MiB, skipped' });
    return;
  }
  // Blank lines (a trailing newline pair, a hand-edited file) carry nothing to report.
  if (isBlank(split)) return;
  const { bytes } = split;
  const decoded =
    bytes === null ? decode(split.text, line) : bytesTwin(decode)(bytes, split.start, split.end, line);
  if (decoded.kind === 'tweets') {
    let first = true;
    for (const tweet of decoded.tweets) {
      const problem = createdAtProblem(tweet.createdAt);
      if (problem !== null) {
        onProblem({ line, kind: 'rejected', message: `tweet ${tweet.id} ${problem}` });
        continue;
      }
      onTweet(tweet, first ? decoded.profiles : []);
      first = false;
    }
    for (const warning of decoded.warnings ?? []) onProblem({ line, kind: 'warning', message: warning });
  } else if (decoded.kind === 'notice') {
    onProblem({ line, kind: 'notice', notice: decoded.notice, message: decoded.message });
  } else {
    onProblem({ line, kind: 'rejected', message: decoded.reason });
  }
}
