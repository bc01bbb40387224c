// The UTF-16 code units of the text being scored, copied once into a reusable typed array that
// the lexicon's tokenizer, its word lookups and the learned layer's featurizer all read; and the
// case of a code unit, which the tokenizer asks of every unit beyond ASCII.
//
// Why a copy: those three read every character several times between them, and charCodeAt on a
// string V8 holds as a slice of a larger one (what split() and most parsers hand out) costs a
// dispatch on the string's representation per call; an indexed Uint16Array read does not.
// Measured in one side-by-side run on the VADER set's texts (as the bench holds them, slices of
// the file), this copy plus word-table.ts's fingerprints against the code before both: the model
// scorer went from 155k to 199k tweets per CPU-second, the lexicon from 269k to 366k.

/** Zero code units written after the text, so look-aheads of up to this many never leave it. */
const SENTINELS = 4;

/** Buffer.write(text, 'utf16le') lays code units out as a Uint16Array reads them here. */
// Stryker disable next-line ConditionalExpression,EqualityOperator: either copy gives the same units (speed only, see load)
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

export class TextUnits {
  /** codes[0, length) are the text's code units; codes[length, length + SENTINELS) are 0. */
  codes = new Uint16Array(256);
  length = 0;
  /** The text itself, for the rare slow paths that need a string (non-ASCII lower-casing). */
  // Stryker disable next-line StringLiteral: never read before load() sets it
  text = '';
  /** The bytes of `codes`, for the native copy. */
  private bytes = Buffer.from(this.codes.buffer);

  load(text: string): void {
    const n = text.length;
    if (n + SENTINELS > this.codes.length) {
      let size = this.codes.length;
      while (size < n + SENTINELS) size *= 2;
      this.codes = new Uint16Array(size);
      this.bytes = Buffer.from(this.codes.buffer);
    }
    const codes = this.codes;
    // Node's native UTF-16 copy (lone surrogates kept as they are) took 0.10 µs per VADER-set
    // tweet where a charCodeAt loop took 0.24.
    // Stryker disable next-line ConditionalExpression: both ways copy the same units (speed only)
    if (LITTLE_ENDIAN) {
      this.bytes.write(text, 0, 'utf16le');
    } else {
      // Stryker disable next-line all: big-endian machines only; no test machine of ours is one
      for (let i = 0; i < n; i++) codes[i] = text.charCodeAt(i);
    }
    for (let i = n; i < n + SENTINELS; i++) codes[i] = 0;
    this.length = n;
    this.text = text;
  }
}

/** The code point at i (a surrogate pair read as one), as String.prototype.codePointAt. */
export function codePointAt(codes: Uint16Array, i: number, length: number): number {
  const c = codes[i] as number;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < length) {
    const d = codes[i + 1] as number;
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** CASE_OF's values: what String's case mappings make of one code unit, or not asked yet. */
const UNKNOWN_CASE = 0;
const CASELESS = 1;
/** Has a lower-case form: a capital, for isupper. */
export const HAS_LOWER = 2;
/** Has only an upper-case form: a small letter. */
export const HAS_UPPER = 3;

/**
 * The case of each UTF-16 code unit, filled as units are met. Asking String's case mappings takes a
 * one-character string per unit, and the tokenizer's isUpper asks for every unit of every emoji and
 * accented word it reads (an emoji's surrogates are caseless, but only the mappings say so).
 */
const CASE_OF = new Uint8Array(0x10000);

export function caseOf(code: number): number {
  let known = CASE_OF[code] as number;
  // Stryker disable next-line ConditionalExpression: speed only where it asks again; the mappings give the same answer
  if (known === UNKNOWN_CASE) {
    const ch = String.fromCharCode(code);
    known = ch.toLowerCase() !== ch ? HAS_LOWER : ch.toUpperCase() !== ch ? HAS_UPPER : CASELESS;
    CASE_OF[code] = known;
  }
  return known;
}
