// The scorer's word table: every word is found from the text in any case, and nothing that is not a
// word is (the probe table answers most tokens, unknown words, without building a string).
import { describe, expect, it } from 'vitest';
import { TextUnits } from '../src/sentiment/text-units.js';
import { NONE, WORDS, WordTable } from '../src/sentiment/word-table.js';

const units = new TextUnits();

/** findRange over the whole of `text`. */
function findText(text: string): number {
  units.load(text);
  return WORDS.findRange(units.codes, 0, units.length);
}

const asciiKeys = WORDS.keys.filter((key) => [...key].every((ch) => ch.charCodeAt(0) < 128));

describe('the word table', () => {
  it('finds every ASCII word from the text, as written and in capitals, as find() does', () => {
    expect(asciiKeys.length).toBeGreaterThan(8000);
    for (const key of asciiKeys) {
      const id = WORDS.find(key);
      expect(id).toBeGreaterThanOrEqual(0);
      expect(findText(key)).toBe(id);
      if (findText(key.toUpperCase()) !== id) expect.fail(`${key.toUpperCase()} not found`);
    }
  });

  it('finds a word inside a longer text, by its range', () => {
    units.load('xx GOOD day');
    expect(WORDS.findRange(units.codes, 3, 7)).toBe(WORDS.find('good'));
    expect(WORDS.findRange(units.codes, 3, 6)).toBe(NONE); // "goo"
  });

  it('finds no word that is a listed word with one character more or less', () => {
    const known = new Set(WORDS.keys);
    for (const key of asciiKeys) {
      for (const other of [`${key}q`, `q${key}`, key.slice(0, -1), key.slice(1)]) {
        if (known.has(other)) continue;
        if (findText(other) !== NONE) expect.fail(`"${other}" was found`);
      }
    }
    expect(findText('')).toBe(WORDS.find(''));
  });

  it('leaves text with a non-ASCII character to find(), which finds the word lower-cased', () => {
    expect(findText('naïve')).toBe(-2);
    expect(findText('café')).toBe(-2);
    expect(WORDS.find('naïve')).toBeGreaterThanOrEqual(0);
    expect(WORDS.find('NAÏVE')).toBe(NONE);
    expect(findText('\x7f')).toBe(NONE);
  });

  it('knows how every word opens: its first character and the first other one after it', () => {
    for (const key of WORDS.keys) {
      let second = 1;
      while (second < key.length && key[second] === key[0]) second++;
      const next = second < key.length ? key.charCodeAt(second) : 0;
      expect(WORDS.opensKey(key.charCodeAt(0), next), key).toBe(true);
    }
    const table = new WordTable();
    table.id('::d');
    table.id('x');
    table.seal();
    expect([table.opensKey(58, 100), table.opensKey(120, 0)]).toEqual([true, true]);
    expect([table.opensKey(58, 58), table.opensKey(100, 0), table.opensKey(120, 100)]).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('says whether a word holds a character past U+FFFF, which lower-casing never takes away', () => {
    expect(WORDS.surrogateKeys).toBe(false);
    const table = new WordTable();
    table.id('good');
    table.seal();
    expect(table.surrogateKeys).toBe(false);
    const withEmoji = new WordTable();
    withEmoji.id('good🪿');
    withEmoji.seal();
    expect(withEmoji.surrogateKeys).toBe(true);
    // The tokenizer's premise for an unknown emoji: lower-casing keeps a surrogate in the word.
    const lost: number[] = [];
    for (let code = 0x10000; code <= 0x10ffff; code++) {
      if (!/[\ud800-\udfff]/.test(String.fromCodePoint(code).toLowerCase())) lost.push(code);
    }
    for (let code = 0; code < 0x10000; code++) {
      if (
        /[\ud800-\udfff]/.test(String.fromCharCode(code).toLowerCase()) !== (code >= 0xd800 && code <= 0xdfff)
      )
        lost.push(code);
    }
    expect(lost).toEqual([]);
  });

  it('holds at most 65,534 words, as ids are packed into 16 bits beside the hash', () => {
    const table = new WordTable();
    for (let i = 0; i < 0xfffe; i++) table.id(`w${i}`);
    table.seal();
    units.load('w65533');
    expect(table.findRange(units.codes, 0, units.length)).toBe(0xfffd);
    table.id('one more');
    expect(() => table.seal()).toThrow(RangeError);
  });

  it('gives a word the same id when it is added again', () => {
    const table = new WordTable();
    expect(table.id('good')).toBe(0);
    expect(table.id('bad')).toBe(1);
    expect(table.id('good')).toBe(0);
    expect(table.keys).toEqual(['good', 'bad']);
    expect([table.valence[0], table.booster[0], table.negation[0], table.bigramNext[0]]).toEqual([
      NaN,
      0,
      false,
      NONE,
    ]);
  });
});
