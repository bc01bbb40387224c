// The count key of a hashtag: #Straße, #STRASSE and #strasse are one trend, so are #İstanbul and
// #ISTANBUL, #ΟΔΟΣ and #οδός. Display uses the most frequent spelling (SpellingTracker).

// JavaScript has no String.prototype.casefold, and Intl has no case folding either, so the
// Unicode NFKC_Casefold mapping is composed here from normalize() and the case mappings.
/**
 * Default_Ignorable_Code_Point in the BMP (soft hyphen, zero-width joiners, variation selectors...),
 * as they stand after NFKD: the Hangul fillers U+3164 and U+FFA0 have become U+1160 by then.
 */
function isDefaultIgnorable(code: number): boolean {
  return (
    code === 0x00ad ||
    code === 0x034f ||
    code === 0x061c ||
    code === 0x115f ||
    code === 0x1160 ||
    code === 0x17b4 ||
    code === 0x17b5 ||
    (code >= 0x180b && code <= 0x180f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x206f) ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    code === 0xfeff
  );
}

function dropIgnorables(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) if (!isDefaultIgnorable(s.charCodeAt(i))) out += s[i];
  return out;
}
// Stryker disable next-line Regex: a negated class differs only on a tag of marks alone, where no letter has marks to drop
const COMBINING_MARK = /[\u0300-\u036f]/;
const MAX_CACHE = 50_000;
const cache = new Map<string, string>();

/**
 * A letter of the Greek block. Polytonic letters (Greek Extended, U+1F00–U+1FFF) need no range of
 * their own: NFKD has split every one of them into a letter of this block and its marks.
 */
function isGreek(code: number): boolean {
  // Stryker disable next-line EqualityOperator: the ends U+0370 and U+03FF are capitals, lower-cased to U+0371 and U+037D before this runs
  return code >= 0x0370 && code <= 0x03ff;
}

/**
 * Drops accents that sit on Greek letters (tonos, dialytika) and the dot that Turkish İ
 * decomposes into. Greek is conventionally written without accents in capitals (ΟΔΟΣ for
 * οδός), so folding alone would keep them apart; Turkish İ/I/ı/i follow the same idea below.
 */
function dropFoldedMarks(decomposed: string): string {
  let out = '';
  let base = 0;
  for (let i = 0; i < decomposed.length; i++) {
    const code = decomposed.charCodeAt(i);
    if (code >= 0x0300 && code <= 0x036f) {
      if (isGreek(base) || (base === 0x69 && code === 0x0307)) continue;
    } else {
      base = code;
    }
    out += decomposed[i];
  }
  return out;
}

function fold(tag: string): string {
  // NFKD: compatibility forms (full-width letters, ligatures) and precomposed letters split up.
  let s = dropIgnorables(tag.normalize('NFKD'));
  // Upper- then lower-casing applies the full (one-to-many) mappings: ß -> SS -> ss, and maps
  // Turkish dotless ı -> I -> i, so Turkish-cased and default-cased spellings meet. The price is
  // that the rare Turkish pairs differing only in the dot count as one hashtag.
  s = s.toUpperCase().toLowerCase();
  // Capital ẞ lower-cases to ß, which upper-casing had already turned into ss elsewhere.
  // Each indexOf guard only skips a needless replace: guards always true (a condition of true, or
  // the empty string, found everywhere) change speed alone.
  // Stryker disable next-line ConditionalExpression,StringLiteral: speed only, as above (the replacement, on its own line, is tested).
  if (s.indexOf('ß') !== -1) {
    s = s.replace(/ß/g, 'ss');
  }
  // Greek final sigma is a positional form of σ (toLowerCase re-creates it at word ends).
  // Stryker disable next-line ConditionalExpression,StringLiteral: speed-only guard, as above.
  if (s.indexOf('ς') !== -1) {
    s = s.replace(/ς/g, 'σ');
  }
  // Stryker disable next-line ConditionalExpression: speed-only guard, as above.
  if (COMBINING_MARK.test(s)) s = dropFoldedMarks(s);
  // Recompose so "é" typed precomposed or as e + U+0301 give one key (Hangul re-forms here too).
  return s.normalize('NFC');
}

/** The key hashtags are counted under: Unicode case-folded and normalised, '#' not included. */
export function hashtagKey(tag: string): string {
  // The ASCII fast path and the memo below only save time: fold() gives the same key without them.
  // Stryker disable all: speed only (hashtag-folding.test.ts pins the keys themselves).
  let ascii = true;
  for (let i = 0; i < tag.length; i++) {
    if (tag.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return tag.toLowerCase();
  const cached = cache.get(tag);
  if (cached !== undefined) return cached;
  const key = fold(tag);
  // A bounded memo: the same trending tags repeat constantly and folding is the slow path.
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(tag, key);
  // Stryker restore all
  return key;
}

/** The distinct keys of a tweet's hashtags, in order of first appearance. */
export function hashtagKeys(tags: readonly string[]): string[] {
  // Stryker disable next-line all: fast paths for the common tweets with 0 or 1 tag (speed only).
  if (tags.length === 0) return [];
  // Stryker disable next-line all: as above.
  if (tags.length === 1) return [hashtagKey(tags[0] as string)];
  return dropRepeats(eachHashtagKey(tags));
}

/** The hashtagKey of each tag, repeats kept (`keys[i]` is the key of `tags[i]`). */
export function eachHashtagKey(tags: readonly string[]): string[] {
  // Made to length: a pushed array reserves 16 slots, and a tweet's keys live as long as its batch.
  // Stryker disable next-line ArrayDeclaration: speed only; an array made empty grows to the same items
  const keys = new Array<string>(tags.length);
  for (let i = 0; i < tags.length; i++) keys[i] = hashtagKey(tags[i]!);
  return keys;
}

/**
 * Drops the repeats from `keys` in place, keeping each key's first appearance in order (the rule
 * of hashtagKeys, and of the analysis's keys), and returns it cut to length.
 */
export function dropRepeats(keys: string[]): string[] {
  let distinct = 0;
  // Tweets carry a handful of tags: a scan beats a Set.
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    let seen = false;
    for (let j = 0; j < distinct && !seen; j++) seen = keys[j] === key;
    if (!seen) keys[distinct++] = key;
  }
  keys.length = distinct;
  return keys;
}
