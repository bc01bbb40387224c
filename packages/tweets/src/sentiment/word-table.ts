// Every word the scorer knows (lexicon, boosters, negations, rule and idiom words) in one
// open-addressing hash table that is probed with a slice of the input text directly. A
// Map<string> lookup needs a substring per token first; this avoids that allocation and hashing,
// which was most of the scorer's time.
import { EMOJI, IDIOMS_BY_FIRST, LEXICON } from './lexicon.js';
import { BOOSTERS, DAMPENER_BIGRAMS, NEGATIONS } from './rules.js';

export const NONE = -1;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** The top 16 bits of a hash, kept beside the id in each slot. */
const FINGERPRINT = 0xffff0000 | 0;

function lowerAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

export class WordTable {
  readonly keys: string[] = [];
  /** Lexicon valence, NaN for words without one. */
  readonly valence: number[] = [];
  /** Booster increment, 0 for other words. */
  readonly booster: number[] = [];
  readonly negation: boolean[] = [];
  /** Id of the word that makes this one a dampener bigram ("kind" -> "of"), or NONE. */
  readonly bigramNext: number[] = [];
  /** Idioms starting with this word: [ids of the following words, valence]. */
  readonly idioms: Array<Array<[number[], number]> | undefined> = [];
  /** Whether some key holds a UTF-16 surrogate (half of a character past U+FFFF, as emoji are). */
  surrogateKeys = false;
  private readonly byString = new Map<string, number>();
  /** Each key's first code unit and the first other one after it (see opensKey). */
  private readonly openings = new Set<number>();
  private slots = new Int32Array(0);
  private mask = 0;

  id(key: string): number {
    const existing = this.byString.get(key);
    if (existing !== undefined) return existing;
    const id = this.keys.length;
    this.keys.push(key);
    this.valence.push(NaN);
    this.booster.push(0);
    this.negation.push(false);
    this.bigramNext.push(NONE);
    this.idioms.push(undefined);
    this.byString.set(key, id);
    return id;
  }

  /**
   * Whether some key starts with code unit `first` followed by `second` (0: by nothing but more of
   * `first`). A word whose runs of repeated units are cut to one (an emoticon's, in tokenize.ts)
   * starts so, so a pair no key opens with rules the lookup out before its string is made.
   */
  opensKey(first: number, second: number): boolean {
    return this.openings.has(first * 0x10000 + second);
  }

  /** Lookup of an already lower-cased string (slow paths: non-ASCII, stretched words). */
  find(key: string): number {
    return this.byString.get(key) ?? NONE;
  }

  /**
   * Builds the probe table once every word is in. Each slot packs the top 16 bits of the word's
   * hash with its id + 1, so a probe for an unknown word (most tokens) ends on one load, without
   * touching the key strings; the table is sized for a quarter load (128 KiB, which stays in
   * cache). Together with tokenize.ts's string-free checks of unknown words this made the lexicon
   * 6% faster (274k -> 291k tweets per CPU-second on the VADER set's texts, side by side).
   */
  seal(): void {
    if (this.keys.length >= 0xffff) throw new RangeError('the word table packs ids into 16 bits');
    let size = 1;
    while (size < this.keys.length * 2) size <<= 1;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.keys.forEach((key, id) => {
      let second = 1;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, charCodeAt past the end is NaN, which equals no unit
      while (second < key.length && key.charCodeAt(second) === key.charCodeAt(0)) second++;
      this.openings.add(key.charCodeAt(0) * 0x10000 + (second < key.length ? key.charCodeAt(second) : 0));
      if (/[\ud800-\udfff]/.test(key)) this.surrogateKeys = true;
      // Non-ASCII keys are found through find(), like any token with a non-ASCII character.
      for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) > 127) return;
      let h = FNV_OFFSET;
      for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
      let slot = h & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = (h & FINGERPRINT) | (id + 1);
    });
  }

  /**
   * The id of the code units codes[start, end) lower-cased, for ASCII text; NONE when absent. Returns -2 when
   * the range holds non-ASCII characters, which the caller looks up with find().
   */
  findRange(codes: Uint16Array, start: number, end: number): number {
    // Started as int32 (same bits), so the loop's hash stays an untagged int32 in optimised code.
    let h = FNV_OFFSET | 0;
    for (let i = start; i < end; i++) {
      const c = codes[i] as number;
      if (c > 127) return -2;
      h = Math.imul(h ^ lowerAscii(c), FNV_PRIME);
    }
    const fingerprint = h & FINGERPRINT;
    const length = end - start;
    let slot = h & this.mask;
    for (;;) {
      const entry = this.slots[slot] as number;
      if (entry === 0) return NONE;
      if ((entry & FINGERPRINT) === fingerprint) {
        const id = (entry & 0xffff) - 1;
        const key = this.keys[id] as string;
        if (key.length === length) {
          let i = 0;
          while (i < length && key.charCodeAt(i) === lowerAscii(codes[start + i] as number)) i++;
          if (i === length) return id;
        }
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

export const WORDS = new WordTable();
for (const [word, valence] of LEXICON) WORDS.valence[WORDS.id(word)] = valence;
for (const [word, increment] of BOOSTERS) WORDS.booster[WORDS.id(word)] = increment;
for (const word of NEGATIONS) WORDS.negation[WORDS.id(word)] = true;
for (const [first, next] of DAMPENER_BIGRAMS) WORDS.bigramNext[WORDS.id(first)] = WORDS.id(next);
for (const [first, list] of IDIOMS_BY_FIRST) {
  WORDS.idioms[WORDS.id(first)] = list.map(([rest, valence]) => [rest.map((w) => WORDS.id(w)), valence]);
}

/** Ids of the words VADER's rules name. */
export const ID = {
  so: WORDS.id('so'),
  this: WORDS.id('this'),
  never: WORDS.id('never'),
  without: WORDS.id('without'),
  doubt: WORDS.id('doubt'),
  least: WORDS.id('least'),
  at: WORDS.id('at'),
  very: WORDS.id('very'),
  but: WORDS.id('but'),
};
WORDS.seal();

export { EMOJI };
