// The lexicon scorer's tokenizer, token by token: what separates words, what is trimmed from them,
// which repairs (stretching, dropped g, stretched emoticons) find the word, and the flags the rules read.
import { describe, expect, it } from 'vitest';
import { lexicon } from '../src/index.js';
import { TextUnits } from '../src/sentiment/text-units.js';
import { Tokens, tokenize } from '../src/sentiment/tokenize.js';
import { NONE, WORDS } from '../src/sentiment/word-table.js';

const units = new TextUnits();
const tokens = new Tokens();

interface Token {
  /** The lexicon word the token was read as, null for an unknown word or an emoji. */
  word: string | null;
  valence: number;
  upper: boolean;
  elongated: boolean;
  negation: boolean;
  emote: boolean;
}

function tokenized(text: string): Token[] {
  units.load(text);
  tokenize(units, tokens);
  return Array.from({ length: tokens.count }, (_, i) => {
    const id = tokens.ids[i] as number;
    return {
      word: id === NONE ? null : (WORDS.keys[id] as string),
      valence: tokens.valence[i] as number,
      upper: tokens.upper[i] as boolean,
      elongated: tokens.elongated[i] as boolean,
      negation: tokens.negation[i] as boolean,
      emote: tokens.emote[i] as boolean,
    };
  });
}

const words = (text: string) => tokenized(text).map((token) => token.word);
const score = (text: string) => lexicon.score(text, 'en').score;

describe('word boundaries', () => {
  it('ASCII and Unicode white space separate words', () => {
    const spaces = [9, 10, 11, 12, 13, 32, 0xa0, 0x1680, 0x2000, 0x2005, 0x200a, 0x2028, 0x2029, 0x202f];
    for (const code of [...spaces, 0x205f, 0x3000]) {
      const text = `good${String.fromCharCode(code)}bad`;
      expect(words(text), code.toString(16)).toEqual(['good', 'bad']);
    }
    expect(words('  good \t\n bad  ')).toEqual(['good', 'bad']);
  });

  it('other control and format characters next to the spaces do not, so the word is not found', () => {
    for (const code of [
      8, 14, 31, 0x7f, 0x9f, 0x1fff, 0x200b, 0x2027, 0x202e, 0x2030, 0x205e, 0x2060, 0x3001,
    ]) {
      const text = `good${String.fromCharCode(code)}bad`;
      expect(words(text), code.toString(16)).toEqual([null]);
    }
  });

  it('an emoji the lexicon does not rate is an unknown word, alone or stuck to one', () => {
    expect(tokenized('🪿')[0]).toMatchObject({ word: null, valence: NaN, emote: false });
    expect(words('good🪿 🪿good good')).toEqual([null, null, 'good']);
    // A word beyond ASCII before a rated emoji is looked up on its own characters.
    expect(words('naïve😀 naïve🪿')).toEqual(['naïve', null, null]);
  });

  it('an emoji is a token of its own, also when it touches words on both sides', () => {
    const [good, heart, bad] = tokenized('good😍bad');
    expect([good?.word, bad?.word]).toEqual(['good', 'bad']);
    expect(heart).toMatchObject({ word: null, emote: true, upper: false, negation: false });
    expect(heart?.valence).toBeGreaterThan(1);
    expect(words('😍😡')).toEqual([null, null]);
    expect(tokenized('😡')[0]?.valence).toBeLessThan(0);
  });

  it('joiners, variation selectors and skin tones after a word are dropped, not read as part of it', () => {
    for (const decoration of ['\u200d', '\ufe0f', '\ufe0e', '\u{1f3fb}', '\u{1f3fd}', '\u{1f3ff}']) {
      expect(words(`good${decoration}`), decoration.codePointAt(0)?.toString(16)).toEqual(['good']);
      expect(words(`good${decoration}bad`)).toEqual(['good', 'bad']);
    }
  });

  it('counts every "!" and "?" wherever it stands', () => {
    tokenize((units.load('wow!! really?? ok?!'), units), tokens);
    expect([tokens.exclamations, tokens.questions]).toEqual([3, 3]);
    units.load('no marks');
    tokenize(units, tokens);
    expect([tokens.exclamations, tokens.questions, tokens.count]).toEqual([0, 0, 2]);
  });
});

describe('punctuation around a word', () => {
  it('every ASCII punctuation mark is trimmed from either end; digits, letters and DEL are not', () => {
    const trimmed: string[] = [];
    for (let code = 33; code <= 127; code++) {
      const mark = String.fromCharCode(code);
      const before = words(`${mark}good`);
      const after = words(`good${mark}`);
      expect(before, mark).toEqual(after);
      if (before[0] === 'good') trimmed.push(mark);
    }
    // Python's string.punctuation, which VADER strips.
    expect(trimmed.join('')).toBe('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
  });

  it('typographic quotes are trimmed like plain ones ("‘good’", "lovin’"), not an apostrophe inside', () => {
    expect(words('‘good’ “bad”')).toEqual(['good', 'bad']);
    expect(score('lovin’ it')).toBe(score("lovin' it"));
    expect(score('lovin’ it')).toBeGreaterThan(0.5);
    expect(tokenized('don’t')[0]).toMatchObject({ word: "don't", negation: true });
    expect(words('‚good‛ „bad‟')).toEqual([null, null]); // low and reversed quotes are not trimmed
  });

  it('a word found as written is not trimmed ("<3", ":-)", "d:<")', () => {
    expect(tokenized('<3')[0]).toMatchObject({ word: '<3', emote: true });
    expect(tokenized(':-)')[0]).toMatchObject({ word: ':-)', emote: true });
    expect(words("can't")).toEqual(["can't"]);
  });

  it('a token of punctuation only stays whole and takes a slot between words', () => {
    expect(tokenized('good - bad')).toHaveLength(3);
    expect(tokenized('good - bad')[1]).toMatchObject({ word: null, emote: true });
    // The slot puts "very" two words before "good", where a booster counts 0.95.
    expect(score('very ... good')).toBeLessThan(score('very good'));
    expect(score('very ... good')).toBeGreaterThan(score('good'));
  });

  it('a word stuck to a mention or hashtag mark is the word', () => {
    expect(words('@happy #sad')).toEqual(['happy', 'sad']);
  });
});

describe('capitals', () => {
  it('a token is upper case when it has a cased letter and no lower-case one', () => {
    const upper = (text: string) => tokenized(text)[0]?.upper;
    expect(upper('GOOD')).toBe(true);
    expect(upper('GOOD1')).toBe(true);
    expect(upper('NAÏVE')).toBe(true);
    expect(upper('ÉTÉ')).toBe(true);
    expect(upper('Good')).toBe(false);
    expect(upper('GOOd')).toBe(false);
    expect(upper('GOOß')).toBe(false); // ß is lower case without an upper-case letter of its own
    expect(upper('ÉtÉ')).toBe(false);
    expect(upper('1234')).toBe(false);
    expect(upper(':-)')).toBe(false);
    expect(upper('日本')).toBe(false);
  });

  it('reads a letter beyond ASCII the same each time it is met (its case is looked up once, then kept)', () => {
    const upper = (text: string) => tokenized(text)[0]?.upper;
    for (let round = 0; round < 2; round++) {
      expect([upper('ΣΟΦΙΑ'), upper('σοφια'), upper('ΣΟΦΙα'), upper('ǅ'), upper('ǄǄ')]).toEqual([
        true,
        false,
        false,
        true, // a title-case letter has a lower-case form, which the scorer reads as a capital
        true,
      ]);
    }
    // An emoji's surrogates have no case, whatever surrounds them.
    expect([upper('GOOD🪿'), upper('good🪿'), upper('🪿')]).toEqual([true, false, false]);
  });

  it('is read on the trimmed word and found case-insensitively', () => {
    expect(tokenized('"GOOD!"')[0]).toMatchObject({ word: 'good', upper: true });
    expect(tokenized('GoOd')[0]).toMatchObject({ word: 'good', upper: false });
    expect(tokenized('NAÏVE')[0]).toMatchObject({ word: 'naïve', upper: true });
  });
});

describe('negations', () => {
  it('a listed negation, and any word with "n\'t" that is not listed', () => {
    expect(tokenized('not')[0]).toMatchObject({ word: 'not', negation: true });
    for (const text of ["shouldn't've", 'shouldn’t’ve', "SHOULDN'T'VE", "mayn't", "n't"]) {
      expect(tokenized(text)[0], text).toMatchObject({ word: null, negation: true });
    }
    for (const text of ['nt', "n'", "'t", 'ant', "n'a", "x't"]) {
      expect(tokenized(text)[0]?.negation, text).toBe(false);
    }
    expect(tokenized('good')[0]?.negation).toBe(false);
  });

  it('a negation does not flip an emoticon, whichever punctuation mark it starts with', () => {
    for (const emoticon of ['[:', '\\o/', '^<_<', '{:', '|;-)', '}:-(', ':-(', '<3']) {
      expect(tokenized(emoticon)[0], emoticon).toMatchObject({ emote: true });
      expect(score(`not ${emoticon}`), emoticon).toBe(score(emoticon));
    }
  });

  it('a negation does not flip an emoticon or a number used as one, but flips any word', () => {
    expect(tokenized('143')[0]).toMatchObject({ word: '143', emote: true });
    expect(score('not 143')).toBe(score('143'));
    for (const word of ['amazing', 'zealous', 'Awesome', 'Zealous', 'naïve']) {
      expect(tokenized(word)[0]?.emote, word).toBe(false);
      expect(Math.sign(score(`not ${word}`)), word).toBe(-Math.sign(score(word)));
    }
  });
});

describe('repairs of a word the lexicon does not hold as written', () => {
  it('a stretched word: runs of three or more cut to two, else to one, marked elongated', () => {
    expect(tokenized('gooood')[0]).toMatchObject({ word: 'good', elongated: true });
    expect(tokenized('loooove')[0]).toMatchObject({ word: 'love', elongated: true });
    expect(tokenized('GOoOOD')[0]).toMatchObject({ word: 'good', elongated: true, upper: false });
    expect(tokenized('LOOOOVE')[0]).toMatchObject({ word: 'love', elongated: true, upper: true });
    expect(tokenized('naïveee')[0]).toMatchObject({ word: 'naïve', elongated: true });
    expect(tokenized('naaaïve')[0]).toMatchObject({ word: 'naïve', elongated: true });
    expect(tokenized('"sweeeet"')[0]).toMatchObject({ word: 'sweet', elongated: true });
    // Written as listed, or stretched past any word: not elongated.
    expect(tokenized('good')[0]?.elongated).toBe(false);
    expect(tokenized('zzz')[0]).toMatchObject({ word: 'zzz', elongated: false });
    expect(tokenized('blaaaargh')[0]).toMatchObject({ word: null, elongated: false });
    expect(tokenized('naïïïïve')[0]).toMatchObject({ word: null, elongated: false });
  });

  it('a stretched word keeps the double letters written once ("goodddd" is good, not god)', () => {
    expect(tokenized('goodddd')[0]).toMatchObject({ word: 'good', elongated: true });
    expect(tokenized('happpyyy')[0]).toMatchObject({ word: 'happy', elongated: true });
    expect(tokenized('hhhaaappppyyy')[0]).toMatchObject({ word: 'happy', elongated: true });
    expect(tokenized('goooood')[0]?.word).toBe('good'); // cut to two first: "god" is a word too
  });

  it('a dropped g is restored on words of five letters or more', () => {
    expect(tokenized('lovin')[0]).toMatchObject({ word: 'loving', elongated: false });
    expect(tokenized('LOVIN')[0]).toMatchObject({ word: 'loving', upper: true });
    expect(tokenized("hatin'")[0]?.word).toBe('hating');
    expect(tokenized('KiSSiN')[0]?.word).toBe('kissing');
    expect(words('lovan lovim lovig')).toEqual([null, null, null]);
  });

  it('a stretched emoticon is the emoticon', () => {
    expect(tokenized(':((((')[0]).toMatchObject({ word: ':(', emote: true, elongated: false });
    expect(tokenized(':-))))')[0]?.word).toBe(':-)');
    expect(tokenized(':-þþþ')[0]).toMatchObject({ word: ':-þ', emote: true });
    expect(tokenized(':-o-o')[0]?.word).toBe(null); // no repeat to cut
  });

  it('a stretched emoticon with a letter is the emoticon (":DDD" is ":D"), though its eyes are punctuation', () => {
    expect(tokenized(':DDD')[0]).toMatchObject({ word: ':d', emote: true });
    expect(score(':DDD')).toBe(score(':D'));
    expect(score('not :DDD')).toBe(score('not :D'));
    expect(tokenized(':-PPP!')[0]?.word).toBe(':-p');
    expect(tokenized('=DDD')[0]?.word).toBe('=d');
    // A trimmed word that is no emoticon stays unknown.
    expect(tokenized('#zzzz')[0]?.word).toBe(null);
  });

  it('a stretched emoticon is read past repeated eyes ("::DDD" is ":d"); a hashtag or mention with a double letter is no emoticon', () => {
    expect(tokenized('::DDD')[0]).toMatchObject({ word: ':d', emote: true });
    expect(words('so ::DDD')).toEqual(['so', ':d']);
    expect(tokenized(':þþþ')[0]?.word).toBe(':þ'); // its second character is past ASCII
    expect(tokenized(';;-)))')[0]?.word).toBe(';-)');
    expect(words('#coffee @jiggle #:DDD (:DDD')).toEqual([null, null, null, null]);
  });

  it('"D:" and its variants are read before lower-casing; other words starting with D are not', () => {
    for (const emoticon of ['D:', 'D-:', 'D=', 'D8']) {
      expect(tokenized(emoticon)[0], emoticon).toMatchObject({ word: null, valence: -1.9, emote: true });
    }
    expect(tokenized('d:')[0]).toMatchObject({ word: 'd:', emote: false });
    expect(tokenized('D:<')[0]?.word).toBe('d:<');
    expect(tokenized('Dx')[0]?.word).toBe('dx');
  });
});
