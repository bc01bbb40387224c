// Decodes one line of a recording or live stream, in any supported format, into stream tweets,
// a notice or a rejection. Never throws: bad input is reported with its line number.
// This is the validation boundary for tweet files and the live stream. It checks shapes by hand
// rather than with the protocol's zod schemas: it runs per record at 100k+ tweets/s, and a
// four-format, partial-tolerant decoder (keep the good tweets of a page, reject the bad line)
// does not fit one schema parse; the typed result is what crosses into the rest of the system.
import type { DecodedLine, Profile, Tweet } from '../tweet.js';
import {
  type JsonObject,
  arr,
  id,
  isObject,
  obj,
  utf8OfBytesAsCharacters,
  withBytesAsCharacters,
} from './json.js';
import { complianceInData, describeErrors, noticeOf } from './notice.js';
import { looksLikeV2User, profileFromV2 } from './profile.js';
import { decodeV1Tweet, looksLikeV1, profilesV1 } from './v1.js';
import { TweetShapeError } from '../errors.js';
import { NO_INCLUDES, V2Includes, decodeV2Tweet, inlineProfilesV2 } from './v2.js';

type Rejected = Extract<DecodedLine, { kind: 'rejected' }>;

export interface DecodeOptions {
  /**
   * Whether the result lists the profiles the record carries (`profiles`, for a profile store).
   * Default true. False for a caller that stores none (offline analysis): `profiles` is then
   * empty, and of a stream message's includes.users only its tweet's author is read, to join it
   * as `author` just as it is otherwise (a message carries its replied-to and retweeted users,
   * which `analyze` decoded for nothing: 0.4 of its 17 CPU s on 1M generated tweets).
   */
  carriedProfiles?: boolean;
  /**
   * Parses a line's bytes, bytes[start, end) (decodeLineBytes), to only the members
   * DECODED_MEMBERS names: what JSON.parse gives of the line read as UTF-8, with the other members
   * left out; or returns undefined to leave the line to JSON.parse. What a line parsed so decodes
   * to is kept when it is tweets (and profiles, and a page's warnings, which quote listed members
   * only); anything else (a notice, a rejection, whose messages may quote any member) is decoded
   * from the whole line.
   */
  parseMembers?: (bytes: Buffer, start: number, end: number) => unknown;
}

const CARRY_PROFILES: DecodeOptions = Object.freeze({});

function reject(line: number, reason: string): Rejected {
  return { kind: 'rejected', line, reason };
}

/**
 * includes.users as profiles (for the store), or only those with the id `onlyId` (null: none), in
 * an array made to their number: a record's profiles travel with its tweets until their batch is
 * done, and a pushed array reserves 16 slots.
 */
function includedProfiles(includes: JsonObject | undefined, onlyId: string | null | undefined): Profile[] {
  const users = includes === undefined ? undefined : arr(includes.users);
  // Stryker disable next-line ConditionalExpression: speed only; with no author to match, every user is skipped below
  if (users === undefined || onlyId === null) return [];
  // Stryker disable next-line ArrayDeclaration: speed only; an array made empty grows to the same items
  const profiles = new Array<Profile>(users.length);
  let n = 0;
  for (const user of users) {
    if (!isObject(user)) continue;
    // A profile's id is its user's `id` (profileFromV2), so the users skipped here decode to others
    // (reading them too joins the same author: decode-carried-profiles.test.ts holds both equal).
    // Stryker disable next-line ConditionalExpression: speed only, as that says
    if (onlyId !== undefined && id(user.id) !== onlyId) continue;
    const profile = profileFromV2(user);
    if (profile !== null) profiles[n++] = profile;
  }
  profiles.length = n;
  return profiles;
}

/**
 * Whose includes.users a caller that keeps no carried profiles needs: a stream message's author
 * only (null: none); a page's tweets have many authors, so all of them (undefined) are read.
 */
function authorOnly(data: unknown): string | null | undefined {
  // Stryker disable next-line ConditionalExpression: speed only; reading every user joins the same author
  return isObject(data) ? id(data.author_id) : undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** A v2 message or page: `data` is one tweet (stream), a list (page), or users (user lookup). */
function decodeV2Envelope(record: JsonObject, data: unknown, line: number, carried: boolean): DecodedLine {
  if (isObject(data)) {
    const compliance = complianceInData(data);
    if (compliance !== null) return compliance;
  }
  const includesObject = obj(record.includes);
  const profiles = includedProfiles(includesObject, carried ? undefined : authorOnly(data));
  // The users of includes are the first profiles; a user-lookup page's own come after them.
  const includes =
    includesObject === undefined
      ? NO_INCLUDES
      : // Stryker disable next-line ArrayDeclaration: equivalent, a list of non-objects adds nothing
        new V2Includes(arr(includesObject.tweets) ?? [], profiles, 0, profiles.length);
  const entries = Array.isArray(data) ? data : [data];
  // Made to the number of entries and cut to the tweets found (see includedProfiles).
  // Stryker disable next-line ArrayDeclaration: speed only; an array made empty grows to the same items
  const tweets = new Array<Tweet>(entries.length);
  let found = 0;
  const warnings: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (!isObject(entry)) {
      if (!Array.isArray(data)) return reject(line, `data is ${describe(entry)}, expected a tweet object`);
      // Only a page reports an entry by index: a single message's failure is the whole line's.
      warnings.push(`data[${i}] is ${describe(entry)}, expected a tweet object`);
      continue;
    }
    if (looksLikeV2User(entry)) {
      const profile = profileFromV2(entry);
      if (profile !== null) profiles.push(profile);
      continue;
    }
    try {
      tweets[found] = decodeV2Tweet(entry, includes);
      found++;
    } catch (error) {
      if (!(error instanceof TweetShapeError)) throw error;
      // A single stream message that is not a usable tweet is the whole line's failure; in a
      // page the other tweets still count and the bad entry is reported.
      if (!Array.isArray(data)) return reject(line, error.message);
      warnings.push(`data[${i}]: ${error.message}`);
    }
  }
  tweets.length = found;
  // Partial errors of a page (a suspended author of a referenced tweet...) leave its data intact.
  const errors = arr(record.errors);
  if (errors !== undefined && errors.length > 0) warnings.push(`API errors: ${describeErrors(errors)}`);
  const kept = carried ? profiles : [];
  return warnings.length > 0
    ? { kind: 'tweets', tweets, profiles: kept, warnings }
    : { kind: 'tweets', tweets, profiles: kept };
}

/**
 * Decodes a parsed record. `line` (1-based) is only used to label a rejection. Formats:
 * v2 stream message, v2 page, v2 user-lookup page, twarc2 flattened tweet, v1.1 status,
 * and the notices of both API versions.
 */
export function decodeRecord(
  record: unknown,
  line = 0,
  options: DecodeOptions = CARRY_PROFILES,
): DecodedLine {
  if (!isObject(record)) return reject(line, `expected a JSON object, got ${describe(record)}`);
  const carried = options.carriedProfiles ?? true;
  try {
    if (record.data !== undefined && record.data !== null)
      return decodeV2Envelope(record, record.data, line, carried);
    const notice = noticeOf(record);
    if (notice !== null) return notice;
    // Their profiles are inline and the tweet's author is read apart from them: left out alike.
    if (looksLikeV1(record)) {
      const profiles: Profile[] = [];
      if (carried) profilesV1(record, profiles);
      return { kind: 'tweets', tweets: [decodeV1Tweet(record)], profiles };
    }
    if (typeof record.text === 'string' || typeof record.id === 'string') {
      const profiles: Profile[] = [];
      if (carried) inlineProfilesV2(record, profiles);
      return { kind: 'tweets', tweets: [decodeV2Tweet(record, NO_INCLUDES)], profiles };
    }
  } catch (error) {
    if (error instanceof TweetShapeError) return reject(line, error.message);
    // Anything else is a bug in the decoder, but one record must not stop the stream: report it.
    return reject(line, `decoder failure (please report): ${(error as Error).message}`);
  }
  const keys = Object.keys(record).slice(0, 8).join(', ');
  return reject(
    line,
    `unrecognised record with members {${keys}}: expected an X API v2 message or page, a flattened v2 tweet, a v1.1 status or an API notice`,
  );
}

/**
 * Decodes one input line. Blank lines are reported as an "other" notice (never counted, never
 * rejected); invalid JSON is rejected with the parser's reason.
 */
export function decodeLine(
  line: string,
  lineNumber: number,
  options: DecodeOptions = CARRY_PROFILES,
): DecodedLine {
  let record: unknown;
  // A byte-order mark opens some files saved by editors; JSON.parse would refuse the first line.
  if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
  try {
    record = JSON.parse(line);
  } catch (error) {
    if (line.trim() === '') return { kind: 'notice', notice: 'other', message: `blank line ${lineNumber}` };
    const reason = (error as Error).message;
    return reject(lineNumber, `invalid JSON (${reason}); the line may have been cut off`);
  }
  return decodeRecord(record, lineNumber, options);
}

/**
 * Decodes one input line read one byte a character (Latin-1: the line's bytes as they are) to what
 * decodeLine makes of the same line read as UTF-8. Why: most recorded tweets hold a character
 * beyond ASCII (an accent, an emoji), and reading such a line as UTF-8 makes a string of two bytes
 * a character, which cost more than JSON.parse then spent on it (200k generated lines: 280 ms to
 * read against 40 as Latin-1; 1,000 ms to read and parse against 700). JSON's own characters are
 * all ASCII, so the bytes of a UTF-8 character only ever lie inside string values, and the decoder
 * puts right each string it reads (json.ts: `str`, `id`). `analyze` of 1M generated tweets took
 * 12.1-13.7 CPU s against 13.4-13.9 (five rounds in turn, the same report).
 *
 * Where a character might be read wrongly the line is decoded as UTF-8 instead: one holding a `\u`
 * escape (an escaped "é" and a byte of a raw one read alike), and one that decodes to anything but
 * tweets (a rejection, a notice, a byte-order mark), so that their messages, which may quote the
 * record as it is, are decodeLine's own. A page's warnings quote only what the readers put right.
 */
function decodeLatin1Line(
  line: string,
  lineNumber: number,
  options: DecodeOptions = CARRY_PROFILES,
): DecodedLine {
  // Decoding a line as UTF-8 always gives decodeLine's result: a mutant that sends more lines there
  // is speed only (decode-latin1.test.ts fails the one that sends escaped lines down this path).
  // Stryker disable next-line ConditionalExpression,StringLiteral,UnaryOperator: speed only, as above
  if (line.indexOf('\\u') !== -1) return decodeLine(utf8OfBytesAsCharacters(line), lineNumber, options);
  let record: unknown;
  // Stryker disable BlockStatement: speed only, as above (a record left undefined is rejected here)
  try {
    record = JSON.parse(line);
  } catch {
    return decodeLine(utf8OfBytesAsCharacters(line), lineNumber, options);
  }
  // Stryker restore BlockStatement
  const decoded = withBytesAsCharacters(() => decodeRecord(record, lineNumber, options));
  // Stryker disable next-line ConditionalExpression: speed only, as above
  if (decoded.kind === 'tweets') return decoded;
  return decodeLine(utf8OfBytesAsCharacters(line), lineNumber, options);
}

/**
 * Decodes the line in bytes[start, end) (its UTF-8 bytes, as a file was read) to what decodeLine
 * makes of it as text. With `parseMembers` (the server's native parser) the line is first parsed
 * straight from the bytes to only the members the decoder reads; the tweets that gives are the
 * line's. Anything else, and every line without `parseMembers`, is decoded from its bytes read
 * a character each (decodeLatin1Line).
 */
export function decodeLineBytes(
  bytes: Buffer,
  start: number,
  end: number,
  lineNumber: number,
  options: DecodeOptions = CARRY_PROFILES,
): DecodedLine {
  const members = options.parseMembers?.(bytes, start, end);
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: speed only; a record left undefined is rejected, and decoded from the whole line below
  if (members !== undefined) {
    // Its strings are UTF-8's already (see parseMembers): decoded as they are.
    const decoded = decodeRecord(members, lineNumber, options);
    if (decoded.kind === 'tweets') return decoded;
  }
  return decodeLatin1Line(bytes.toString('latin1', start, end), lineNumber, options);
}
