// Narrow readers for untrusted JSON records. We check shapes by hand rather than with a schema
// library because decoding runs for every tweet of the stream and must stay near JSON.parse speed.
// Every string the decoder takes from a record is read here (str, id, recordText), which is what
// lets a record parsed from a line read one byte a character be put right string by string.

export type JsonObject = Record<string, unknown>;

/**
 * Whether the record being decoded was parsed from a line read one byte a character
 * (decodeLatin1Line): each byte of a UTF-8 character is then a character of its own, and every
 * string the decoder reads is put right here as it is read (`recordText`), before anything else
 * sees it. Set only for one synchronous decodeRecord call (withBytesAsCharacters).
 */
let bytesAsCharacters = false;

export function withBytesAsCharacters<T>(decode: () => T): T {
  bytesAsCharacters = true;
  try {
    return decode();
  } finally {
    bytesAsCharacters = false;
  }
}

/** A character that stands for one byte of a multi-byte UTF-8 character (or of a bad sequence). */
const BYTE_CHARACTER = /[\x80-\xff]/;
/** Most strings fit: read back through it, a string costs no Buffer of its own. */
// Stryker disable next-line ArithmeticOperator: speed only, a longer string takes Buffer.from, to the same result
const SCRATCH = Buffer.allocUnsafeSlow(64 * 1024);

/**
 * A string read one byte a character, as UTF-8 decoding would have read its bytes (bad sequences
 * become U+FFFD, as they do there).
 */
export function utf8OfBytesAsCharacters(value: string): string {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only, as above
  if (value.length > SCRATCH.length) return Buffer.from(value, 'latin1').toString('utf8');
  const length = SCRATCH.write(value, 0, 'latin1');
  return SCRATCH.toString('utf8', 0, length);
}

/**
 * A string taken from the record (a member's value, or one made of record values by String or
 * JSON.stringify, which leave characters beyond ASCII as they are) as the decoder may use it (see
 * bytesAsCharacters).
 */
export function recordText(value: string): string {
  return bytesAsCharacters && BYTE_CHARACTER.test(value) ? utf8OfBytesAsCharacters(value) : value;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The readers take a member's value, read where it is used (`str(tweet.text)`): each such read
// keeps its own few record shapes, where a reader given the key (`str(tweet, 'text')`) read every
// member of every record at one site, which V8 serves through its megamorphic cache (about 1% of
// `analyze`'s samples on 1M generated tweets, `perf`; decoding 200k of its lines took 3.71-3.94 µs
// a line against 3.90-5.06, rounds in turn).

/** A member's value as an object, or undefined when absent or of another type. */
export function obj(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

/** A member's value as an array, or undefined when absent or of another type. */
export function arr(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** A string member's value, or null. */
export function str(value: unknown): string | null {
  return typeof value === 'string' ? recordText(value) : null;
}

/** A finite number member's value, or null. */
export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A boolean member's value, or null. */
export function bool(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

/** An id member's value: v2 writes ids as strings, v1.1 and some recorders as numbers. */
export function id(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return recordText(value);
  // v1.1 numeric ids above 2^53 have lost precision; callers prefer the *_str twin when it exists.
  // Stryker disable next-line ConditionalExpression: equivalent, Number.isSafeInteger is false for any non-number
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return null;
}
