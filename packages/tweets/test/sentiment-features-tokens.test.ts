// The featurizer's token rules one by one, as equivalences between texts: which characters end a
// negated clause, what is a URL, a mention, a number, an emoticon or an emoji, and which markers
// a word adds. The pinned bucket table in sentiment-features.test.ts cannot show which rule broke.
import { describe, expect, it } from 'vitest';
import { Features, featurize, tokenHash } from '../src/sentiment/features.js';

const BITS = 18;
const features = new Features();

function buckets(text: string): number[] {
  featurize(text, 0, BITS, features);
  return Array.from(features.buckets.subarray(0, features.count));
}

/** The bucket of one token read alone (a word, or any single-feature token). */
function only(text: string): number {
  const all = buckets(text);
  expect(all, text).toHaveLength(1);
  return all[0] as number;
}

describe('negated clauses', () => {
  const good = only('good');

  it('end at . , : ; ! ? and at dashes and ellipses', () => {
    for (const mark of ['.', ',', ':', ';', '!', '?', ' — ', '…', '\u2013', '\u206f']) {
      expect(buckets(`not bad${mark} good`), mark).toContain(good);
    }
  });

  it('run on over other characters, joiners and words', () => {
    for (const between of [' ', ' - ', ' ( ', ' " ', '\u200d ', ' \u2070 ', ' very ', ' so very ', ' 😍 ']) {
      expect(buckets(`not${between}good`), JSON.stringify(between)).not.toContain(good);
    }
  });

  it('start at each negation, also in capitals, and at "no"', () => {
    for (const negation of ['not', 'NOT', 'never', "don't", 'don’t', 'no']) {
      expect(buckets(`${negation} good`), negation).not.toContain(good);
    }
    expect(buckets('nobody good')).toContain(good);
    expect(buckets('knot good')).toContain(good);
  });
});

describe('placeholders', () => {
  const url = only('http://x.co');

  it('a URL starts with http://, https:// or www. in any case, and runs to the next space', () => {
    for (const text of ['https://t.co/abc?x=1', 'HTTP://EXAMPLE.COM', 'Https://a', 'www.example.com']) {
      expect(buckets(text), text).toEqual([url]);
    }
    expect(buckets('http://x.co good')).toEqual(buckets('https://t.co/y good'));
  });

  it('nothing else is a URL', () => {
    for (const text of [
      'http:/x',
      'httpx://a',
      'http//a',
      'https:/a',
      'htp://a',
      'ww.x',
      'www',
      'wwwx',
      'see:http://x',
    ]) {
      expect(buckets(text), text).not.toContain(url);
    }
  });

  it('a mention is "@" and a user name of letters, digits and "_", which ends it', () => {
    const user = only('@bob');
    for (const text of ['@Bob_99', '@_', '@9', '@ALICE']) expect(buckets(text), text).toEqual([user]);
    const [mention, ...rest] = buckets('@bob,good');
    expect(mention).toBe(user);
    expect(rest[0]).toBe(only('good'));
    expect(buckets('@')).toEqual([]);
    expect(buckets('@ bob')).toEqual(buckets('bob'));
  });

  it('a number is a word of digits only, never stretched', () => {
    const number = only('7');
    expect(buckets('1000000')).toEqual([number]);
    expect(buckets('4u')).not.toContain(number);
    expect(buckets('u4')).not.toContain(number);
    expect(buckets('a1000')).toEqual(buckets('A1000').slice(0, 1));
    expect(buckets('a1000')).toHaveLength(1); // no stretched marker: digits do not stretch
  });
});

describe('emoticons', () => {
  it('are eyes with at most one letter and no digit, 2 to 5 characters, whole chunks', () => {
    for (const text of [':)', ':-)', ';P', '=]', ':-|)', '>:-((', 'D:', 'D-:', ':-D']) {
      const all = buckets(text);
      expect(all, text).toHaveLength(1);
      // An emoticon is hashed as written: its own token, not a word's.
      expect(all[0], text).not.toBe(buckets('x')[0]);
    }
    expect(buckets(':-)')).not.toEqual(buckets(':)'));
    expect(buckets(':DD')).not.toEqual(buckets(':D'));
  });

  it('a chunk that is too long, has a digit or two letters, or no eyes, is not one', () => {
    for (const text of [':', ':-))-))', ':3', ':-DX', ':Þ', '()', '-)', 'x:']) {
      expect(
        buckets(text).every((b) => b !== buckets(':)')[0]),
        text,
      ).toBe(true);
    }
    expect(buckets(':3')).toEqual(buckets('3'));
    expect(buckets('()')).toEqual([]);
    expect(buckets('x:')).toEqual(buckets('x'));
  });

  it('hearts "<3" and "</3", and nothing else that starts with "<"', () => {
    expect(buckets('<3')).toHaveLength(1);
    expect(buckets('</3')).toHaveLength(1);
    expect(buckets('<3')).not.toEqual(buckets('</3'));
    expect(buckets('<4')).toEqual(buckets('4'));
    expect(buckets('</4')).toEqual(buckets('4'));
    expect(buckets('<')).toEqual([]);
  });
});

describe('emoji', () => {
  it('each pictograph is a token, in the emoji, symbol, arrow and dingbat blocks', () => {
    for (const emoji of ['🀄', '🫶', '☀', '➿', '⌚', '⏿', '⬛', '⯿', '←', '⇿', '❤', '😍']) {
      expect(buckets(emoji), emoji).toHaveLength(1);
      expect(buckets(`good${emoji}`), emoji).toEqual(buckets(`good ${emoji}`));
    }
    expect(buckets('❤')).not.toEqual(buckets('😍'));
  });

  it('the characters just outside those blocks are not', () => {
    for (const text of [
      '\u{1fb00}',
      '\u25ff',
      '\u27c0',
      '\u22ff',
      '\u2400',
      '\u2aff',
      '\u2c00',
      '\u218f',
      '\u2200',
      '\u{1eff0}',
    ]) {
      expect(buckets(text), text.codePointAt(0)?.toString(16)).toEqual([]);
    }
  });

  it('skin tones and variation selectors after an emoji are not tokens', () => {
    expect(buckets('❤️')).toEqual(buckets('❤'));
    expect(buckets('👍🏻')).toEqual(buckets('👍'));
    expect(buckets('👍🏿')).toEqual(buckets('👍'));
  });
});

describe('words', () => {
  it('start with a letter, a digit, "_" or a letter of another script', () => {
    expect(buckets('_x')).toHaveLength(1);
    expect(buckets('Ωmega')).toEqual(buckets('ωmega'));
    expect(buckets('Ωmega')).toHaveLength(1); // one capital is no capitals marker
    expect(buckets('ÀB')).toHaveLength(2); // two capitals are
    expect(buckets('ÀB')[0]).toBe(buckets('àb')[0]);
    expect(buckets('ῼ')).toHaveLength(1); // U+1FFC, in the last block of word letters
    expect(buckets('\u00bfgood')).toEqual(buckets('good'));
  });

  it('quotes around a word are dropped, an apostrophe inside is kept', () => {
    expect(buckets("'good'")).toEqual(buckets('good'));
    expect(buckets("good''")).toEqual(buckets('good'));
    expect(buckets("don't")).not.toEqual(buckets('dont'));
    expect(buckets("rock'n'roll")).toHaveLength(1);
    expect(buckets("rock'n'roll")).not.toEqual(buckets('rocknroll'));
    // A stretched apostrophe is cut like a stretched letter, and marks the word stretched.
    expect(buckets("o'''k")).toEqual(buckets("o''''k"));
    expect(buckets("o'''k")[0]).toBe(buckets("o''k")[0]);
    expect(buckets("o'''k")).toHaveLength(2);
  });

  it('are hashed lower-cased with 3+ repeats cut to 2, as tokenHash of the word', () => {
    expect(tokenHash('good')).not.toBe(tokenHash('god'));
    expect(buckets('GOOOOD')[0]).toBe(only('good'));
    expect(buckets('GOOOOD')).toHaveLength(3); // word, capitals, stretched
    expect(buckets('OK')).toHaveLength(2);
    expect(buckets('I')).toHaveLength(1);
    expect(buckets('GOOd')).toHaveLength(1);
  });

  it('form a bigram with the token before; markers do not', () => {
    const pair = buckets('good day');
    expect(pair).toHaveLength(3);
    expect(buckets('GOOD day')).toEqual([pair[0], buckets('GOOD')[1], pair[1], pair[2]]);
    expect(buckets('good! day')).toEqual([pair[0], only('!'), pair[1], pair[2]]);
  });

  it('"!" and "?" add one marker each, however many there are', () => {
    expect(buckets('good!!!')).toEqual(buckets('good!'));
    expect(buckets('good???')).toEqual(buckets('good?'));
    expect(buckets('good!?')).toHaveLength(3);
    expect(buckets('good!?').sort()).toEqual(buckets('good?!').sort());
  });
});

describe('dense features', () => {
  it('label the lexicon score at ±0.05, as the lexicon scorer does', () => {
    const dense = (compound: number) => {
      featurize('x', compound, BITS, features, 2, -2);
      return Array.from(features.dense);
    };
    expect(dense(0.05)).toEqual([0.05, 1, 0, 0.5, 0.5]);
    expect(dense(0.0499)).toEqual([0.0499, 0, 0, 0.5, 0.5]);
    expect(dense(-0.05)).toEqual([-0.05, 0, 1, 0.5, 0.5]);
    expect(dense(-0.0499)).toEqual([-0.0499, 0, 0, 0.5, 0.5]);
  });
});
