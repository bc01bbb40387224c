// A single-pass tokenizer for the sentiment scorer: splits on white space, splits emoji off the
// words they touch, trims punctuation around words (but keeps emoticons such as ":-)" and "<3"),
// undoes stretching ("loooove", "=((("), restores dropped g's ("lovin") and counts "!" and "?".
// Written by hand instead of the regex splits and per-token strings of the reference VADER
// ports, which are what makes them 30x slower than the 150k tweets/s we need: tokens are looked
// up straight from the text (WORDS.findRange) and only unusual ones become strings.
import { CASED_EMOTICONS, EMOJI } from './lexicon.js';
import { HAS_LOWER, HAS_UPPER, type TextUnits, caseOf, codePointAt } from './text-units.js';
import { NONE, WORDS } from './word-table.js';

/** Reusable token arrays: scoring allocates no per-token objects. */
export class Tokens {
  count = 0;
  /** Word id in WORDS, NONE for unknown words and punctuation. */
  readonly ids: number[] = [];
  /** Written in capitals (Python's str.isupper: a cased letter and no lower-case letter). */
  readonly upper: boolean[] = [];
  /** Stretched by repeated letters ("sooo good"), an emphasis like capitals. */
  readonly elongated: boolean[] = [];
  /** Valence, NaN when the token carries none. */
  readonly valence: number[] = [];
  /** A negation ("not", "never", any "...n't"). */
  readonly negation: boolean[] = [];
  /** An emoticon or emoji: the writer's own feeling, which a negation before it does not flip. */
  readonly emote: boolean[] = [];
  exclamations = 0;
  questions = 0;

  push(
    id: number,
    valence: number,
    upper: boolean,
    elongated: boolean,
    negation: boolean,
    emote: boolean,
  ): void {
    const i = this.count++;
    this.ids[i] = id;
    this.valence[i] = valence;
    this.upper[i] = upper;
    this.elongated[i] = elongated;
    this.negation[i] = negation;
    this.emote[i] = emote;
  }
}

/** White space, ASCII and Unicode (also used by the learned scorer's featurizer). */
export function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** ASCII punctuation, the set VADER trims (Python's string.punctuation). */
function isPunct(code: number): boolean {
  return (
    (code >= 33 && code <= 47) ||
    (code >= 58 && code <= 64) ||
    (code >= 91 && code <= 96) ||
    (code >= 123 && code <= 126)
  );
}

/**
 * Trimmed from around a word: ASCII punctuation, and the typographic quotes phones type for ' and "
 * ("‘good’", "lovin’"), as a typographic apostrophe inside a word reads as a plain one.
 */
function isTrimmed(code: number): boolean {
  return isPunct(code) || (code >= 0x2018 && code <= 0x2019) || (code >= 0x201c && code <= 0x201d);
}

function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code > 127;
}

/** Emoji modifiers and joiners that only decorate the emoji before them. */
export function isEmojiDecoration(code: number): boolean {
  return code === 0x200d || code === 0xfe0f || code === 0xfe0e || (code >= 0x1f3fb && code <= 0x1f3ff);
}

function hasTripleLetter(word: string): boolean {
  for (let i = 2; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 97 && c <= 122 && c === word.charCodeAt(i - 1) && c === word.charCodeAt(i - 2)) return true;
  }
  return false;
}

/** hasTripleLetter of the lower-cased ASCII range text[start, end), without the string. */
function hasTripleLetterIn(codes: Uint16Array, start: number, end: number): boolean {
  for (let i = start + 2; i < end; i++) {
    const c = lowerAscii(codes[i] as number);
    if (
      c >= 97 &&
      c <= 122 &&
      c === lowerAscii(codes[i - 1] as number) &&
      c === lowerAscii(codes[i - 2] as number)
    )
      return true;
  }
  return false;
}

/** Whether the lower-cased ASCII range has two equal neighbours (else unstretchEmoticon finds nothing). */
function hasRepeat(codes: Uint16Array, start: number, end: number): boolean {
  for (let i = start + 1; i < end; i++) {
    if (lowerAscii(codes[i] as number) === lowerAscii(codes[i - 1] as number)) return true;
  }
  return false;
}

function lowerAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** Words stretched in more places than this are only tried with every run cut to two, or to one. */
const MAX_STRETCHED_RUNS = 4;

/**
 * "loooove" -> "love", "goooood" -> "good", "goodddd" -> "good", "happpyyy" -> "happy": each run
 * of 3+ equal characters is cut to two or to one (two first), and the rest kept as written, so
 * the double letters of the word itself stay ("goodddd" is not "god").
 */
function unstretch(word: string): number {
  // Alternating: text kept as written, a stretched run's character, text kept, ...
  const parts: string[] = [];
  let kept = '';
  for (let i = 0; i < word.length;) {
    const ch = word[i] as string;
    let j = i + 1;
    while (j < word.length && word[j] === ch) j++;
    if (j - i >= 3) {
      parts.push(kept, ch);
      kept = '';
    } else {
      kept += word.slice(i, j);
    }
    i = j;
  }
  parts.push(kept);
  const runs = (parts.length - 1) / 2;
  // Bit r of a choice set: run r cut to one, else to two; every run cut to two is tried first. Few
  // runs: every choice; many: only all to two and all to one (-1), so a long word stays cheap.
  const choices = runs <= MAX_STRETCHED_RUNS ? [...Array(2 ** runs).keys()] : [0, -1];
  for (const choice of choices) {
    let candidate = parts[0] as string;
    for (let r = 0; r < runs; r++) {
      const ch = parts[2 * r + 1] as string;
      candidate += (choice >> r) & 1 ? ch : ch + ch;
      candidate += parts[2 * r + 2] as string;
    }
    const id = WORDS.find(candidate);
    if (id !== NONE) return id;
  }
  return NONE;
}

/** "=(((" -> "=(", ":)))" -> ":)": emoticons stretched by repeating a character. */
function unstretchEmoticon(word: string): number {
  let out = '';
  for (let i = 0; i < word.length; i++) if (word[i] !== word[i - 1]) out += word[i];
  return out !== word ? WORDS.find(out) : NONE;
}

/** Python's str.isupper over text[start, end). */
function isUpper(codes: Uint16Array, start: number, end: number): boolean {
  let cased = false;
  for (let i = start; i < end; i++) {
    const c = codes[i] as number;
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) cased = true;
    else if (c > 127) {
      const known = caseOf(c);
      if (known === HAS_LOWER) cased = true;
      else if (known === HAS_UPPER) return false;
    }
  }
  return cased;
}

/** A contraction negation not in the list ("shouldn't've"): "n't" inside text[start, end). */
function hasNT(codes: Uint16Array, start: number, end: number): boolean {
  for (let i = start + 1; i + 1 < end; i++) {
    const c = codes[i] as number;
    if (
      (c === 39 || c === 0x2019) &&
      ((codes[i - 1] as number) | 32) === 110 &&
      ((codes[i + 1] as number) | 32) === 116
    )
      return true;
  }
  return false;
}

/** The lower-cased string of a range, with typographic apostrophes made plain (slow path). */
function lowerString(text: string, start: number, end: number): string {
  const word = text.slice(start, end).toLowerCase();
  return word.indexOf('\u2019') === -1 ? word : word.replace(/\u2019/g, "'");
}

function hasSurrogate(codes: Uint16Array, start: number, end: number): boolean {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BooleanLiteral: speed only where it finds fewer; lookup then makes the string and finds nothing
  for (let i = start; i < end; i++) if (((codes[i] as number) & 0xf800) === 0xd800) return true;
  return false;
}

/**
 * What the last lookup() learnt besides the id: whether its range was all ASCII (findRange read it
 * whole), which addWord needs of the same range and so does not scan again. A property of a const
 * object: a module `let` is checked for initialisation on every read (see features.ts).
 */
const lastLookup = { ascii: false };

function lookup(units: TextUnits, start: number, end: number): number {
  const id = WORDS.findRange(units.codes, start, end);
  lastLookup.ascii = id !== -2;
  // Stryker disable next-line ConditionalExpression: speed only; find() of an ASCII word lower-cased gives findRange's answer
  if (id !== -2) return id;
  // An emoji the lexicon does not rate: a word holding a surrogate still holds one lower-cased
  // (sentiment-word-table.test.ts checks every character), and no key does, so the word is
  // unknown without making its string.
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: speed only where the guard stands aside; find() then finds nothing
  if (!WORDS.surrogateKeys && hasSurrogate(units.codes, start, end)) return NONE;
  return WORDS.find(lowerString(units.text, start, end));
}

/** A code unit as lowerString leaves it when it is the only one read: -1 past ASCII (but ’). */
function lowerUnit(code: number): number {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only; a unit misread lets more words past the guard, or stops words that start as no key does (past ASCII)
  return code < 128 ? lowerAscii(code) : code === 0x2019 ? 39 : -1;
}

/**
 * Whether unstretchEmoticon could find text[start, end): its string opens as some word does. For
 * a hashtag or a mention with a double letter ("#coffee") it made two strings to find nothing.
 */
function mayBeStretchedEmoticon(codes: Uint16Array, start: number, end: number): boolean {
  const first = lowerUnit(codes[start] as number);
  let i = start + 1;
  // The run of the trimmed mark ends before the word the trimming left, so i < end holds below.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, as said
  while (i < end && lowerUnit(codes[i] as number) === first) i++;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, as said
  const second = i < end ? lowerUnit(codes[i] as number) : 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only where more words pass; no key starts with a character past ASCII
  return first < 0 || second < 0 || WORDS.opensKey(first, second);
}

function addWord(out: Tokens, units: TextUnits, start: number, end: number): void {
  const { codes, text } = units;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a speed guard only; the map holds short words starting with "D", so looking up any token finds the same
  if (end - start <= 3 && codes[start] === 68) {
    // Emoticons whose meaning depends on case ("D:" is dismay, "d:" a tongue): raw lookup first.
    const emoticon = CASED_EMOTICONS.get(text.slice(start, end));
    if (emoticon !== undefined) {
      out.push(NONE, emoticon, false, false, false, true);
      return;
    }
  }
  let id = lookup(units, start, end);
  let from = start;
  let to = end;
  if (id === NONE) {
    // Trim punctuation around a word ("good!", "(love)"); a token that is all punctuation stays
    // whole, so separators like "-" still take a slot between words as in VADER.
    while (from < to && isTrimmed(codes[from] as number)) from++;
    while (to > from && isTrimmed(codes[to - 1] as number)) to--;
    if (to === from) {
      from = start;
      to = end;
    } else {
      // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only; looking up the untrimmed range again finds nothing again
      if (from > start || to < end) id = lookup(units, from, to);
    }
  }
  let emote = !isLetter(codes[from] as number);
  let elongated = false;
  // Most tokens are unknown words with nothing to repair: the checks below read the text's char
  // codes and build a string only when a repair is possible (measured: the lower-cased copy of
  // every unknown word was 3% of the model scorer's time). Non-ASCII ranges take the string path,
  // where lower-casing may change the length.
  if (id === NONE && to - from > 2) {
    // The last lookup read [from, to): the range itself, or the whole token where trimming took
    // nothing (or everything).
    const ascii = lastLookup.ascii;
    if (emote) {
      if (!ascii || hasRepeat(codes, from, to)) id = unstretchEmoticon(lowerString(text, from, to));
    } else if (!ascii) {
      const word = lowerString(text, from, to);
      if (hasTripleLetter(word)) {
        id = unstretch(word);
        elongated = id !== NONE;
      } else if (word.length > 4 && word.endsWith('in')) {
        id = WORDS.find(word + 'g');
      }
    } else if (hasTripleLetterIn(codes, from, to)) {
      id = unstretch(lowerString(text, from, to));
      elongated = id !== NONE;
    } else if (
      to - from > 4 &&
      ((codes[to - 2] as number) | 32) === 105 &&
      ((codes[to - 1] as number) | 32) === 110
    ) {
      // Dropped g: "lovin", "rockin'" (the apostrophe was trimmed above).
      id = WORDS.find(lowerString(text, from, to) + 'g');
    }
  }
  if (
    id === NONE &&
    from > start &&
    hasRepeat(codes, start, to) &&
    // Stryker disable next-line ConditionalExpression: speed only; unstretchEmoticon finds nothing where the guard says so
    mayBeStretchedEmoticon(codes, start, to)
  ) {
    // A stretched emoticon with a letter (":DDD", ":-PPP"), whose eyes the trimming took away.
    id = unstretchEmoticon(lowerString(text, start, to));
    if (id !== NONE) {
      from = start;
      emote = true;
    }
  }
  if (id === NONE) {
    out.push(NONE, NaN, isUpper(codes, from, to), false, hasNT(codes, from, to), emote);
  } else {
    out.push(
      id,
      WORDS.valence[id] as number,
      isUpper(codes, from, to),
      elongated,
      WORDS.negation[id] as boolean,
      emote,
    );
  }
}

/** Tokenises the loaded text into `out` (cleared first). */
export function tokenize(units: TextUnits, out: Tokens): void {
  const { codes, length } = units;
  out.count = 0;
  out.exclamations = 0;
  out.questions = 0;
  let start = -1;
  for (let i = 0; i < length; i++) {
    const c = codes[i] as number;
    if (c <= 32) {
      if (isSpace(c)) {
        if (start >= 0) addWord(out, units, start, i);
        start = -1;
        continue;
      }
    } else if (c === 33) {
      out.exclamations++;
    } else if (c === 63) {
      out.questions++;
    } else if (c >= 0xa0) {
      const code = c >= 0xd800 && c <= 0xdbff ? codePointAt(codes, i, length) : c;
      const emoji = EMOJI.get(code);
      if (emoji !== undefined || isEmojiDecoration(code) || isSpace(code)) {
        if (start >= 0) addWord(out, units, start, i);
        start = -1;
        if (emoji !== undefined) out.push(NONE, emoji, false, false, false, true);
      } else if (start < 0) {
        start = i;
      }
      if (code > 0xffff) i++;
      continue;
    }
    if (start < 0) start = i;
  }
  if (start >= 0) addWord(out, units, start, length);
}
