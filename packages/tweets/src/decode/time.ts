// Parses the created_at formats of the X API into epoch milliseconds.

/**
 * The value of the two ASCII digits at `at`, or NaN when either is not a digit. A digit misread as
 * not one only sends its value to Date.parse, so such mutants are marked speed-only below.
 */
function twoDigits(value: string, at: number): number {
  // Stryker disable next-line ArithmeticOperator: speed only, as above
  const high = value.charCodeAt(at) - 48;
  // Stryker disable next-line ArithmeticOperator: speed only, as above
  const low = value.charCodeAt(at + 1) - 48;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: speed only, as above
  const digits = high >= 0 && high <= 9 && low >= 0 && low <= 9;
  return digits ? high * 10 + low : NaN;
}

/**
 * v2's own form, "2021-04-08T19:34:16.000Z", read digit by digit: Date.parse took 0.23 µs per
 * value against 0.10 here (side by side on 100k ISO strings), and every tweet and every profile
 * of a v2 record carries one. Only plainly valid values are read here (day up to 28, so no
 * month-length rule is needed); anything else goes to Date.parse, so results are Date.parse's.
 * A mutant that only sends more values down that path gives the same results (the tweets-decode
 * mutation area lists such survivors here); decode-time.test.ts kills the ones that misread a value.
 */
function parseV2Time(value: string): number {
  if (
    value.length !== 24 ||
    value.charCodeAt(4) !== 45 || // -
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(10) !== 84 || // T
    value.charCodeAt(13) !== 58 || // :
    value.charCodeAt(16) !== 58 ||
    value.charCodeAt(19) !== 46 || // .
    value.charCodeAt(23) !== 90 // Z
  ) {
    return NaN;
  }
  const year = twoDigits(value, 0) * 100 + twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  const hour = twoDigits(value, 11);
  const minute = twoDigits(value, 14);
  const second = twoDigits(value, 17);
  const hundreds = value.charCodeAt(20) - 48;
  const rest = twoDigits(value, 21);
  // NaN fails every comparison, so a non-digit anywhere also falls through to Date.parse. Date.UTC
  // reads years 0-99 as 1900-1999 where Date.parse keeps them: those take the slow path too.
  if (!(month >= 1 && day >= 1 && hundreds >= 0 && hundreds <= 9 && rest >= 0 && year >= 100)) return NaN;
  // A bound drawn tighter only sends more values down the slow path, to the same result.
  // Stryker disable next-line EqualityOperator: speed only, as above
  if (!(month <= 12 && day <= 28 && hour <= 23 && minute <= 59 && second <= 59)) return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, hundreds * 100 + rest);
}

/**
 * v2 writes ISO 8601 ("2021-04-08T19:34:16.000Z"); v1.1 writes "Wed Oct 10 20:19:24 +0000 2018",
 * which V8's Date.parse also reads. Returns null for anything unparseable.
 */
export function parseCreatedAt(value: string | null): number | null {
  if (value === null) return null;
  const fast = parseV2Time(value);
  const ms = Number.isNaN(fast) ? Date.parse(value) : fast;
  return Number.isFinite(ms) ? ms : null;
}

/** The last tweet time read, and what it read to (see parseTweetTime). */
const lastTweetTime: { value: string | null; ms: number | null } = { value: null, ms: null };

/**
 * parseCreatedAt of a tweet's created_at, remembering the last one read: a stream's tweets come in
 * time order, a thousand a second at a replay's pace, and the native parser hands on the same
 * string for a time that comes again, so most reads are a comparison. Profiles' times, each its
 * own, go to parseCreatedAt: read between two tweets' they would evict the one remembered.
 */
export function parseTweetTime(value: string | null): number | null {
  // Stryker disable next-line ConditionalExpression: speed only; reading every value again gives the same
  if (value !== lastTweetTime.value) {
    lastTweetTime.ms = parseCreatedAt(value);
    lastTweetTime.value = value;
  }
  return lastTweetTime.ms;
}
