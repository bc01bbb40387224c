// The code-unit copy every scorer reads: the text's UTF-16 units exactly (lone surrogates kept),
// zeros after them however long the previous text was, and code points read across pairs.
import { describe, expect, it } from 'vitest';
import { TextUnits, codePointAt } from '../src/sentiment/text-units.js';

function unitsOf(units: TextUnits): number[] {
  return Array.from(units.codes.subarray(0, units.length));
}

const charCodes = (text: string) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

describe('text units', () => {
  it('copies each text exactly, a surrogate pair as two units and a lone surrogate as it is', () => {
    const units = new TextUnits();
    for (const text of ['', 'good', 'Καλημέρα 😀 #東京', 'lone \ud83d surrogate', 'end \ud83d']) {
      units.load(text);
      expect(units.length).toBe(text.length);
      expect(units.text).toBe(text);
      expect(unitsOf(units)).toEqual(charCodes(text));
    }
  });

  it('grows for a long text and keeps zeros after a short one that follows a long one', () => {
    const units = new TextUnits();
    const long = 'sentiment '.repeat(300); // 3,000 units: past the first buffer of 256
    units.load(long);
    expect(units.length).toBe(long.length);
    expect(units.codes.length).toBeGreaterThanOrEqual(long.length + 4);
    expect(String.fromCharCode(...units.codes.subarray(0, units.length))).toBe(long);
    units.load('ok');
    expect(unitsOf(units)).toEqual([0x6f, 0x6b]);
    // The look-ahead sentinels after the text are zero, not the long text's units.
    expect(Array.from(units.codes.subarray(2, 6))).toEqual([0, 0, 0, 0]);
  });

  it('keeps four zero units after a text that all but fills the buffer', () => {
    for (const length of [252, 253, 256]) {
      const units = new TextUnits();
      units.load('x'.repeat(length));
      expect(units.codes.length, String(length)).toBeGreaterThanOrEqual(length + 4);
      expect(Array.from(units.codes.subarray(length, length + 4))).toEqual([0, 0, 0, 0]);
    }
  });

  it('reads the code point of a surrogate pair as one, and a lone or cut-off surrogate as itself', () => {
    const units = new TextUnits();
    units.load('a😀b\ud83dx\ude00');
    const at = (i: number) => codePointAt(units.codes, i, units.length);
    expect(at(0)).toBe(0x61);
    expect(at(1)).toBe(0x1f600);
    expect(at(3)).toBe(0x62);
    // A high surrogate followed by a letter, and a lone low surrogate, stand for themselves.
    expect(at(4)).toBe(0xd83d);
    expect(at(6)).toBe(0xde00);
    // A letter before a low surrogate, and a low surrogate before another, are not pairs.
    expect(at(5)).toBe(0x78);
    units.load('\ude00\ude01');
    expect(codePointAt(units.codes, 0, units.length)).toBe(0xde00);
    // Nor one followed by a unit above the low surrogates (a full-width letter).
    units.load('\ud83d\uff58');
    expect(codePointAt(units.codes, 0, units.length)).toBe(0xd83d);
    // A high surrogate at the end of the text is not paired with what lies past it.
    units.load('x\ud83d');
    units.codes[2] = 0xde00;
    expect(codePointAt(units.codes, 1, units.length)).toBe(0xd83d);
    for (const text of ['😀', 'a\u{10ffff}', '\u{10000}z'])
      for (let i = 0; i < text.length; i++) {
        units.load(text);
        expect(codePointAt(units.codes, i, units.length)).toBe(text.codePointAt(i));
      }
  });
});
