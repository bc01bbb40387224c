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

  it('emoji, symbols, digits and full-width Latin are no letters: such text is covered', () => {
    for (const text of ['😍🔥', '→ ★ ♥', '2024', 'ｇｏｏｄ', '', '!!!'])
      expect(covered(text), text).toBe(true);
  });

  it('a text that is not covered is unscored, not neutral', () => {
    expect(lexicon.score('хорошо', null)).toEqual({ score: 0, label: 'unscored' });
    expect(lexicon.score('хорошо, very good indeed', null).label).not.toBe('unscored');
  });
});
