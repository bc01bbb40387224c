// Which texts the English scorer covers: X's language tag when it gives one, else the script most
// letters are written in. A text the lexicon cannot read must be "unscored", never neutral.
import { describe, expect, it } from 'vitest';
import { lexicon, lexiconCovers } from '../src/index.js';

describe('a language tag', () => {
  it('"en" in any case and its regional variants are covered, whatever the script', () => {
    for (const tag of ['en', 'en-GB', 'EN', 'En-us']) expect(lexiconCovers('καλή μέρα', tag), tag).toBe(true);
  });

  it('other languages are not, not even tags that start like "en"', () => {
    for (const tag of ['fr', 'eng', 'enm', 'de-en']) expect(lexiconCovers('good day', tag), tag).toBe(false);
  });

  it('an empty tag, null or none, or "und" in capitals, fall back to the script', () => {
    for (const tag of ['', null, undefined, 'UND']) {
      expect(lexiconCovers('good day', tag), String(tag)).toBe(true);
      expect(lexiconCovers('καλή μέρα', tag), String(tag)).toBe(false);
    }
  });
});

describe('without a tag, the script', () => {
  const covered = (text: string) => lexiconCovers(text, null);

  it('Latin letters with diacritics are Latin', () => {
    expect(covered('żółć Œuvre ÀÿĀž ɏ')).toBe(true);
    expect(covered('ÀÀ αβγ')).toBe(false); // Latin-1 letters count, but 2 < 3
    expect(covered('ÀÀÀ αβγ')).toBe(true);
  });

  it('× and ÷ are not letters', () => {
    expect(covered('α ××')).toBe(false);
    expect(covered('α ÷÷')).toBe(false);
  });

  it('every other script counts against English, from Greek to half-width katakana', () => {
    const scripts = [
      'καλή', // Greek (0370-)
      'ἀγαθή', // Greek Extended (1F00-)
      'хорошо', // Cyrillic
      'יפה', // Hebrew
      'جميل', // Arabic
      'अच्छा', // Devanagari
      'ดีมาก', // Thai
      'ᴀᴀᴀ', // phonetic extensions (to 1DFF)
      '今日', // CJK (2E80-)
      '좋은', // Hangul (to D7FF)
      '豈更', // CJK compatibility (F900-FAFF)
      'ﭐﭑﭒ', // Arabic presentation forms A (FB1D-FDFF)
      'ﻳﻮﻡ', // Arabic presentation forms B (FE70-FEFC)
      'ｲｲﾋ', // half-width katakana (FF66-FFDC)
    ];
    for (const text of scripts) expect(covered(text), text).toBe(false);
  });

  it('each range of Latin letters counts from its first letter to its last, and no further', () => {
    const char = (code: number) => String.fromCharCode(code);
    // One Greek letter against two of the character: covered only if it is a Latin letter.
    for (const code of [65, 90, 97, 122, 0xc0, 0x24f])
      expect(covered(`α${char(code)}${char(code)}`), code.toString(16)).toBe(true);
    for (const code of [64, 91, 96, 123, 0xbf, 0x250])
      expect(covered(`α${char(code)}${char(code)}`), code.toString(16)).toBe(false);
  });

  it("each range of other scripts' letters counts from its first letter to its last, and no further", () => {
    const char = (code: number) => String.fromCharCode(code);
    const ranges = [
      [0x0370, 0x1dff],
      [0x1f00, 0x1fff],
      [0x2e80, 0xd7ff],
      [0xf900, 0xfaff],
      [0xfb1d, 0xfdff],
      [0xfe70, 0xfefc],
      [0xff66, 0xffdc],
    ];
    // One Latin letter against two of the character: not covered if it is another script's letter.
    for (const [first, last] of ranges as Array<[number, number]>) {
      for (const code of [first, last])
        expect(covered(`a${char(code)}${char(code)}`), code.toString(16)).toBe(false);
      for (const code of [first - 1, last + 1])
        expect(covered(`a${char(code)}${char(code)}`), code.toString(16)).toBe(true);
    }
  });

  it('emoji, symbols, digits and full-width Latin are no letters: such text is covered', () => {
    for (const text of ['😍🔥', '→ ★ ♥', '2024', 'ｇｏｏｄ', '', '!!!'])
      expect(covered(text), text).toBe(true);
  });

  it('a text that is not covered is unscored, not neutral', () => {
    expect(lexicon.score('хорошо', null)).toEqual({ score: 0, label: 'unscored' });
    expect(lexicon.score('хорошо, very good indeed', null).label).not.toBe('unscored');
  });
});
