// The learned scorer's featurizer: a pinned table of texts -> buckets (the shipped weights were
// trained on these exact buckets, so any change to hashing or tokenising must fail here and be
// followed by retraining), and the token rules the buckets come from.
import { describe, expect, it } from 'vitest';
import { DENSE_FEATURES, Features, featurize, tokenHash } from '../src/sentiment/features.js';

const BITS = 18;
const features = new Features();

function buckets(text: string, bits = BITS): number[] {
  featurize(text, 0, bits, features);
  return Array.from(features.buckets.subarray(0, features.count));
}

describe('the featurizer', () => {
  it('hashes a fixed table of texts to the buckets the shipped weights were trained on', () => {
    expect(tokenHash('good')).toBe(4200608216);
    expect(tokenHash('<url>')).toBe(2640182902);
    const table: Array<[string, number[]]> = [
      ['good', [119651]],
      // unigram, then the capitals marker
      ['GOOD', [119651, 70495]],
      // "not", "good" in a negated clause, and their bigram
      ['not good', [134209, 155012, 123673]],
      ['I love it :)', [29550, 195541, 52240, 74976, 96993, 192452, 217298]],
      // placeholders: user, url (+bigram), number (+bigram)
      ['@bob http://t.co/x 2024', [130012, 134480, 102018, 98965, 62514]],
      ['Sooo goood!!! 😍', [144412, 233813, 119651, 215611, 233813, 249633, 90807, 27532]],
      ["don't like it, ok?", [135463, 232133, 179280, 20469, 154376, 154220, 139120, 223670]],
      [':D :d D: <3', [181296, 227860, 199803, 36624, 109220, 457, 174723]],
    ];
    for (const [text, expected] of table) expect(buckets(text), text).toEqual(expected);
  });

  it('reads words case-insensitively, with stretching cut, and marks capitals and stretching', () => {
    const [good] = buckets('good');
    expect(buckets('Good')).toEqual([good]);
    const caps = buckets('GOOD');
    expect(caps[0]).toBe(good);
    expect(caps).toHaveLength(2);
    // "goooood" reads as "good" plus the stretched marker; "gooood" too.
    expect(buckets('goooood')[0]).toBe(good);
    expect(buckets('goooood')).toEqual(buckets('gooood'));
    expect(buckets('goooood')).toHaveLength(2);
  });

  it('marks the words of a negated clause until punctuation', () => {
    const [good] = buckets('good');
    const negated = buckets('not good');
    expect(negated).not.toContain(good);
    // A comma ends the clause: "good" after it is not negated.
    expect(buckets('not bad, good')).toContain(good);
    // typographic apostrophe, and "no"
    expect(buckets('don’t like')).toEqual(buckets("don't like"));
    expect(buckets('no good')).not.toContain(good);
  });

  it('folds every URL, user and number into one placeholder each', () => {
    expect(buckets('https://t.co/abc')).toEqual(buckets('www.example.com/x?y=1'));
    expect(buckets('@alice')).toEqual(buckets('@bob_99'));
    expect(buckets('42')).toEqual(buckets('2024'));
    expect(buckets('https://t.co/abc')).not.toEqual(buckets('@alice'));
  });

  it('keeps emoticons whole and case-sensitive, and emoji as tokens of their own', () => {
    expect(buckets(':)')).toHaveLength(1);
    expect(buckets(':)))')).toEqual(buckets(':)'));
    expect(buckets(':D')).not.toEqual(buckets(':d'));
    expect(buckets('great😍')).toEqual(buckets('great 😍'));
    expect(buckets('😍')).not.toEqual(buckets('😡'));
    // skin tones and variation selectors decorate the emoji before them
    expect(buckets('👍🏽')).toEqual(buckets('👍'));
  });

  it('keeps every bucket below 2^bits, and puts the lexicon score in the dense features', () => {
    const text = 'Not bad at ALL!!! @you http://x.co #win 😍 :) 12 loooove, ok?';
    for (const bits of [4, 10, 18]) {
      const all = buckets(text, bits);
      expect(all.length).toBeGreaterThan(15);
      expect(all.every((b) => Number.isInteger(b) && b >= 0 && b < 2 ** bits)).toBe(true);
    }
    featurize('whatever', -0.6, BITS, features, 1.2, -3.2);
    expect(DENSE_FEATURES).toEqual([
      'lexiconCompound',
      'lexiconPositive',
      'lexiconNegative',
      'lexiconPositiveSum',
      'lexiconNegativeSum',
    ]);
    expect(Array.from(features.dense)).toEqual([-0.6, 0, 1, 0.3, 0.8]);
    featurize('whatever', 0.02, BITS, features);
    expect(Array.from(features.dense)).toEqual([0.02, 0, 0, 0, 0]);
  });

  it('grows its buffer for long texts and clears it between texts', () => {
    const long = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(' ');
    expect(buckets(long)).toHaveLength(2000 * 2 - 1);
    expect(buckets('')).toEqual([]);
  });
});
