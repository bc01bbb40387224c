// The learned scorer's featurizer, shared by training and inference: one pass over the text that
// hashes word unigrams and bigrams (negation-marked), emoticons, emoji, placeholders for URLs,
// users and numbers, and "!"/"?"/caps/stretching markers into a fixed number of buckets, plus
// the lexicon's scores (compound, and the positive and negative valence sums) as dense features.
// No strings are built per token: each token's FNV-1a hash is computed from the char codes as
// they are read. Over 400 lines because the token rules share one scan's state; split into
// modules they would need it passed around, or a second pass, which is what the scan saves.
import { TextUnits, codePointAt } from './text-units.js';
import { isEmojiDecoration, isSpace } from './tokenize.js';
import { NEGATIONS } from './rules.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** One step of FNV-1a on a char code; the only hashing primitive, so every token hashes alike. */
function step(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}

/** Murmur3's finaliser: FNV's low bits alone spread poorly over a power-of-two bucket count. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The hash of a whole token string, as the featurizer computes it from the text (for constants). */
export function tokenHash(token: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < token.length; i++) h = step(h, token.charCodeAt(i));
  return h >>> 0;
}

// Placeholders and markers: written in angle brackets, which no word token can contain.
const URL = tokenHash('<url>') | 0;
const USER = tokenHash('<user>') | 0;
const NUMBER = tokenHash('<number>') | 0;
const EXCLAIM = tokenHash('!') | 0;
const QUESTION = tokenHash('?') | 0;
const CAPS = tokenHash('<caps>') | 0;
const STRETCHED = tokenHash('<stretched>') | 0;
/** Mixed into tokens in a negated clause ("not good" -> good_NEG), and into bigrams. */
const NEGATED = 0x5bd1e995;
const BIGRAM = 0x27d4eb2f;
const EMOJI_SALT = 0x165667b1;

/**
 * Negation words open a negated clause that runs to the next punctuation; VADER's list plus "no".
 * Their hashes (as int32) in a small open-addressing table: a Set of numbers beyond the small-
 * integer range boxes every key it is asked about.
 */
const NEGATION_TABLE = new Int32Array(256);
for (const word of [...NEGATIONS, 'no']) {
  const h = tokenHash(word) | 0;
  let slot = h & 255;
  while (NEGATION_TABLE[slot] !== 0 && NEGATION_TABLE[slot] !== h) slot = (slot + 1) & 255;
  NEGATION_TABLE[slot] = h;
}

function isNegation(h: number): boolean {
  let slot = h & 255;
  for (;;) {
    const entry = NEGATION_TABLE[slot] as number;
    if (entry === h) return true;
    if (entry === 0) return false;
    slot = (slot + 1) & 255;
  }
}

/**
 * Dense features after the hashed ones: the lexicon's compound score, its label as two flags, and
 * the sums of its positive and negative token valences (/4, VADER's scale).
 */
export const DENSE_FEATURES = [
  'lexiconCompound',
  'lexiconPositive',
  'lexiconNegative',
  'lexiconPositiveSum',
  'lexiconNegativeSum',
] as const;

/** Reusable feature buffers: featurizing allocates nothing once the buffer is large enough. */
export class Features {
  /** Bucket of each hashed feature, in text order; a bucket may repeat (counts). */
  buckets = new Int32Array(256);
  count = 0;
  readonly dense = new Float64Array(DENSE_FEATURES.length);

  push(hash: number, mask: number): void {
    if (this.count === this.buckets.length) {
      const grown = new Int32Array(this.buckets.length * 2);
      grown.set(this.buckets);
      this.buckets = grown;
    }
    this.buckets[this.count++] = fmix(hash) & mask;
  }
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Pictographic code points (emoji, dingbats, arrows, hearts): each becomes a token of its own. */
function isEmoji(code: number): boolean {
  return (
    (code >= 0x1f000 && code <= 0x1faff) ||
    (code >= 0x2600 && code <= 0x27bf) ||
    (code >= 0x2300 && code <= 0x23ff) ||
    (code >= 0x2b00 && code <= 0x2bff) ||
    (code >= 0x2190 && code <= 0x21ff)
  );
}

/** Clause punctuation ends a negated clause. */
function endsClause(c: number): boolean {
  return c === 46 || c === 44 || c === 58 || c === 59 || c === 33 || c === 63;
}

/** Emoticon eyes. */
function isEyes(c: number): boolean {
  return c === 58 || c === 59 || c === 61;
}

/**
 * An emoticon written as a whole chunk: ":)", ":-(", ";P", "D:", "=]", "<3", "</3". Eyes plus
 * non-letters, at most one letter (":D", ":p"), or a heart.
 */
function isEmoticon(codes: Uint16Array, start: number, end: number): boolean {
  const length = end - start;
  if (length < 2 || length > 5) return false;
  const first = codes[start] as number;
  if (first === 60 /* < */) {
    const second = codes[start + 1] as number;
    return second === 51 || (second === 47 && (codes[start + 2] as number) === 51);
  }
  let eyes = false;
  let letters = 0;
  for (let i = start; i < end; i++) {
    const c = codes[i] as number;
    if (c > 126) return false;
    if (isEyes(c)) eyes = true;
    else if (isAsciiLetter(c)) letters++;
    else if (isDigit(c)) return false;
  }
  return eyes && letters <= 1;
}

const COLON_SLASHES = [58, 47, 47];
const S_COLON_SLASHES = [115, 58, 47, 47];
const WW_DOT = [119, 119, 46];

/** Whether codes[at...] spells `prefix`; reads past the text at most into its zero sentinels. */
function startsWith(codes: Uint16Array, at: number, prefix: readonly number[]): boolean {
  for (let k = 0; k < prefix.length; k++) if (codes[at + k] !== prefix[k]) return false;
  return true;
}

function isUrlStart(codes: Uint16Array, i: number): boolean {
  const c = (codes[i] as number) | 32;
  if (c === 104 /* h */) {
    return (
      ((codes[i + 1] as number) | 32) === 116 &&
      ((codes[i + 2] as number) | 32) === 116 &&
      ((codes[i + 3] as number) | 32) === 112 &&
      (startsWith(codes, i + 4, COLON_SLASHES) || startsWith(codes, i + 4, S_COLON_SLASHES))
    );
  }
  return c === 119 && startsWith(codes, i + 1, WW_DOT);
}

/**
 * Hashing state of the pass, in one module object so the hot loop allocates nothing (properties
 * of a const object rather than module `let`s, which V8 checks for initialisation on every read:
 * about 5% of the featurizer's time, measured on the VADER set's texts).
 */
const state = { out: new Features(), mask: 0, negated: false };
/**
 * Hash of the previous token (0 at the start): bigrams join it with the next one. Kept in a typed
 * array, as int32: a module variable would box every hash beyond the small-integer range.
 */
const previous = new Int32Array(1);

function emit(hash: number): void {
  // Hashes are handled as int32 (the same bits as tokenHash's uint32), which V8 keeps unboxed.
  const h = state.negated ? hash ^ NEGATED : hash | 0;
  const { out, mask } = state;
  out.push(h, mask);
  const before = previous[0] as number;
  if (before !== 0) out.push(Math.imul(before, BIGRAM) ^ h, mask);
  previous[0] = h;
}

/** Markers are features of the tweet, not words: they neither form bigrams nor get negated. */
function mark(hash: number): void {
  state.out.push(hash, state.mask);
}

/**
 * Ends a word, hashed as the scan read it (see featurizeLoaded): emits the word, or a placeholder
 * for a number, its capitals and stretching markers, and opens a negated clause after a negation.
 */
function endWord(h: number, digits: boolean, upper: number, lower: number, stretched: boolean): void {
  if (digits) {
    emit(NUMBER);
    return;
  }
  emit(h);
  if (upper >= 2 && lower === 0) mark(CAPS);
  if (stretched) mark(STRETCHED);
  if (isNegation(h)) state.negated = true;
}

// For featurize(text): the learned scorer and the trainer load the text once for the lexicon and
// the featurizer, and call featurizeLoaded.
const ownUnits = new TextUnits();

/**
 * Featurizes `text` into `into` (cleared first) with 2^bits buckets. `lexiconCompound` is the
 * lexicon's compound score of the same text, which becomes the dense features.
 */
export function featurize(
  text: string,
  lexiconCompound: number,
  bits: number,
  into: Features,
  lexiconPositiveSum = 0,
  lexiconNegativeSum = 0,
): void {
  ownUnits.load(text);
  featurizeLoaded(ownUnits, lexiconCompound, bits, into, lexiconPositiveSum, lexiconNegativeSum);
}

/** featurize of the text loaded into `units`. */
export function featurizeLoaded(
  units: TextUnits,
  lexiconCompound: number,
  bits: number,
  into: Features,
  lexiconPositiveSum: number,
  lexiconNegativeSum: number,
): void {
  const out = into;
  state.out = into;
  out.count = 0;
  state.mask = (1 << bits) - 1;
  state.negated = false;
  previous[0] = 0;
  const dense = out.dense;
  dense[0] = lexiconCompound;
  dense[1] = lexiconCompound >= 0.05 ? 1 : 0;
  dense[2] = lexiconCompound <= -0.05 ? 1 : 0;
  dense[3] = lexiconPositiveSum / 4;
  dense[4] = lexiconNegativeSum < 0 ? -lexiconNegativeSum / 4 : 0;

  const { codes, length: n } = units;
  let chunkStart = true;
  let exclaimed = false;
  let questioned = false;
  // The word being read, hashed as the scan goes rather than by a second pass over it (with the
  // lower-case fast path below and the state object above, the featurizer alone went from 1.43 to
  // 1.10 µs per tweet on the VADER set's texts, side by side). A word is hashed lower-cased,
  // with runs of 3+ equal letters cut to 2 and "’" read as "'"; digits never stretch and break a
  // run. "'" is held back until a later character of the word shows it was not a closing quote.
  let wordStart = -1;
  let h = 0;
  let digits = true;
  let upper = 0;
  let lower = 0;
  let stretched = false;
  let p1 = -1;
  let p2 = -1;
  let quotes = 0;
  for (let i = 0; i < n; i++) {
    let c = codes[i] as number;
    if (c >= 97 && c <= 122 && wordStart >= 0 && quotes === 0) {
      // Fast path for the commonest character, a lower-case letter inside a word: the general
      // path below does the same, after a dozen tests this one skips.
      lower++;
      digits = false;
      if (c === p1 && c === p2) stretched = true;
      else {
        p2 = p1;
        p1 = c;
        h = step(h, c);
      }
      continue;
    }
    if (c <= 32 || (c >= 0x80 && isSpace(c))) {
      if (wordStart >= 0) endWord(h, digits, upper, lower, stretched);
      wordStart = -1;
      chunkStart = true;
      continue;
    }
    if (chunkStart) {
      chunkStart = false;
      // Whole-chunk tokens: URLs, and emoticons (which start with a non-letter, or "D:").
      if (isUrlStart(codes, i)) {
        emit(URL);
        i = chunkEnd(codes, i, n) - 1;
        continue;
      }
      if ((c < 128 && !isAsciiLetter(c) && !isDigit(c)) || (c === 68 && isEyes(codes[i + 1] as number))) {
        const end = chunkEnd(codes, i, n);
        if (isEmoticon(codes, i, end)) {
          // Emoticons keep their case (":D" and ":d" differ); repeats are cut (":)))" = ":)").
          let e = FNV_OFFSET | 0;
          let last = -1;
          for (let k = i; k < end; k++) {
            const code = codes[k] as number;
            if (code !== last) e = step(e, code);
            last = code;
          }
          emit(e);
          i = end - 1;
          continue;
        }
      }
    }
    if (wordStart < 0) {
      if (c === 64 /* @ */) {
        // A mention: "@name" up to the end of the user name ([A-Za-z0-9_]).
        let k = i + 1;
        while (k < n) {
          const u = codes[k] as number;
          if (!(isAsciiLetter(u) || isDigit(u) || u === 95)) break;
          k++;
        }
        if (k > i + 1) {
          emit(USER);
          i = k - 1;
          continue;
        }
      }
      // A word starts with a letter, digit or "_" (an apostrophe before it is a quote).
      if (isAsciiLetter(c) || isDigit(c) || c === 95 || (c >= 0xc0 && c < 0x2000)) {
        wordStart = i;
        h = FNV_OFFSET | 0;
        digits = true;
        upper = 0;
        lower = 0;
        stretched = false;
        p1 = -1;
        p2 = -1;
        quotes = 0;
      }
    } else if (c === 39) {
      quotes++;
      continue;
    } else if (!(isAsciiLetter(c) || isDigit(c) || c === 95 || c === 0x2019 || (c >= 0xc0 && c < 0x2000))) {
      // Held-back quotes at the end of a word were closing quotes: they are dropped.
      endWord(h, digits, upper, lower, stretched);
      wordStart = -1;
    }
    if (wordStart >= 0) {
      for (; quotes > 0; quotes--) {
        digits = false;
        if (p1 === 39 && p2 === 39) stretched = true;
        else {
          p2 = p1;
          p1 = 39;
          h = step(h, 39);
        }
      }
      if (c >= 65 && c <= 90) {
        upper++;
        c += 32;
      } else if (c >= 97 && c <= 122) lower++;
      else if (c === 0x2019) c = 39;
      else if (c > 127) {
        // Other scripts' letters: a lower-case copy only when the letter has case (rare, slow path).
        const lowered = String.fromCharCode(c).toLowerCase().charCodeAt(0);
        if (lowered !== c) {
          upper++;
          c = lowered;
        }
      }
      if (isDigit(c)) {
        // Digits are never stretching ("1000"); they break a run of letters.
        p1 = p2 = -1;
        h = step(h, c);
        continue;
      }
      digits = false;
      if (c === p1 && c === p2) {
        stretched = true;
        continue;
      }
      p2 = p1;
      p1 = c;
      h = step(h, c);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const code = codePointAt(codes, i, n);
      if (isEmoji(code) && !isEmojiDecoration(code)) emit(step(FNV_OFFSET, code) ^ EMOJI_SALT);
      i++;
      continue;
    }
    if (c >= 0x80) {
      if (isEmoji(c)) emit(step(FNV_OFFSET, c) ^ EMOJI_SALT);
      else if (!isEmojiDecoration(c) && c >= 0x2000 && c <= 0x206f) state.negated = false; // dashes, ellipsis
      continue;
    }
    if (endsClause(c)) {
      state.negated = false;
      if (c === 33 && !exclaimed) {
        mark(EXCLAIM);
        exclaimed = true;
      } else if (c === 63 && !questioned) {
        mark(QUESTION);
        questioned = true;
      }
    }
  }
  if (wordStart >= 0) endWord(h, digits, upper, lower, stretched);
}

function chunkEnd(codes: Uint16Array, i: number, n: number): number {
  let k = i;
  while (k < n) {
    const c = codes[k] as number;
    if (c <= 32 || (c >= 0x80 && isSpace(c))) break;
    k++;
  }
  return k;
}
