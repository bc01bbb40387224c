// The one rule for a line of a recording, on the main thread (decode-file.ts) and on a decode
// thread (decode-task.ts) alike: what tweets it gives, and what problems with its line number.
import { createMemberParser } from '@hashpulse/fast-json';
import {
  DECODED_MEMBERS,
  decodeLatin1Line,
  decodeLine,
  utf8OfBytesAsCharacters,
  type DecodedLine,
  type DecodeOptions,
  type Profile,
  type Tweet,
} from '@hashpulse/tweets';
import type { SourceProblem } from '../tweet-source.js';

export type Decoder = (line: string, lineNumber: number) => DecodedLine;

/**
 * Lines read a byte a character are parsed natively to the members the decoder reads, where the
 * native parser is built (one per thread: this module loads on each decode thread too). On the
 * first 200k lines of a generated stream, decodeLatin1Line took 6.4-8.2 µs a line with it against
 * 8.6-9.3 without (tweets only; 5.5-6.9 against 9.0-9.6 with carried profiles), rounds in turn.
 */
const memberParser = createMemberParser(DECODED_MEMBERS);
const LATIN1: DecodeOptions = Object.freeze(
  memberParser === null ? {} : { parseMembers: (line: string) => memberParser.parse(line) },
);
const TWEETS_ONLY: DecodeOptions = Object.freeze({ carriedProfiles: false });
const LATIN1_TWEETS_ONLY: DecodeOptions = Object.freeze({ ...LATIN1, ...TWEETS_ONLY });

/**
 * decodeLine for a reader whose caller stores no carried profiles (`analyze`): the same tweets,
 * their authors joined alike, and no `profiles` (see DecodeOptions.carriedProfiles).
 */
export const decodeTweetsOnly: Decoder = (line, lineNumber) => decodeLine(line, lineNumber, TWEETS_ONLY);

/**
 * The decoders whose lines are read a byte a character (LineSplitter's latin1), with the twin that
 * decodes such a line to what they make of it as UTF-8 (see decodeLatin1Line). Any other decoder
 * is given its lines as UTF-8.
 */
const LATIN1_TWINS = new Map<Decoder, Decoder>([
  [decodeLine, (line, lineNumber) => decodeLatin1Line(line, lineNumber, LATIN1)],
  [decodeTweetsOnly, (line, lineNumber) => decodeLatin1Line(line, lineNumber, LATIN1_TWEETS_ONLY)],
]);

/** Whether `decode`'s lines may be read a byte a character (see LATIN1_TWINS). */
export function readsLatin1(decode: Decoder): boolean {
  return LATIN1_TWINS.has(decode);
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

/**
 * Whether the line is blank as UTF-8 reads it. `latin1`: the text holds the line's bytes a
 * character each (a LineSplitter's latin1 encoding), where a lone 0xA0 byte would read as a space
 * and a UTF-8 no-break space would not: a line that does not open with an ASCII character (after
 * spaces) is judged on its UTF-8 text.
 */
function isBlank(text: string, latin1: boolean): boolean {
  const trimmed = text.trim();
  if (!latin1) return trimmed === '';
  if (trimmed !== '' && trimmed.charCodeAt(0) < 0x80) return false;
  return utf8OfBytesAsCharacters(text).trim() === '';
}

function latin1Twin(decode: Decoder): Decoder {
  const twin = LATIN1_TWINS.get(decode);
  if (twin === undefined)
    throw new TypeError('a line read a byte a character reached a decoder without a twin');
  return twin;
}

/** A problem of one line, before its file is named. */
export type LineOutcomeProblem = Omit<LineProblem, 'file'>;

/**
 * What one line of a recording gives, in order: its tweets (the line's profiles with the first)
 * and its problems. The one rule for a line, here and on a decode thread. `latin1`: the text holds
 * the line's bytes a character each (see LineSplitter), decoded by `decode`'s twin (only a decoder
 * that readsLatin1 is given such lines) to what `decode` makes of the line as UTF-8.
 */
export function lineOutcome(
  text: string,
  oversized: boolean,
  latin1: boolean,
  line: number,
  decode: Decoder,
  onTweet: (tweet: Tweet, profiles: Profile[]) => void,
  onProblem: (problem: LineOutcomeProblem) => void,
): void {
  if (oversized) {
    onProblem({ line, kind: 'rejected', message: 'line longer than 16 MiB, skipped' });
    return;
  }
  // Blank lines (a trailing newline pair, a hand-edited file) carry nothing to report.
  if (isBlank(text, latin1)) return;
  const decoded = latin1 ? latin1Twin(decode)(text, line) : decode(text, line);
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
