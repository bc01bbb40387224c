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
