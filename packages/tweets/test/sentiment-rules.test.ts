// The lexicon scorer's rules on small cases: labels, negation, boosters, capitals, punctuation, emoji,
// emoticons, stretched words, idioms, "but", and languages it does not cover.
import { describe, expect, it } from 'vitest';
import { lexicon, lexiconCovers, sentimentLabel, sentimentModel } from '../src/index.js';
import { compoundScore, lastPolarity } from '../src/sentiment/score.js';

const score = (text: string) => lexicon.score(text, 'en').score;

describe('labels', () => {
  it('uses the 0.05 boundaries: positive >= 0.05, negative <= -0.05, neutral between', () => {
    expect(sentimentLabel(0.05)).toBe('positive');
    expect(sentimentLabel(0.0499)).toBe('neutral');
    expect(sentimentLabel(-0.0499)).toBe('neutral');
    expect(sentimentLabel(-0.05)).toBe('negative');
    expect(sentimentLabel(0)).toBe('neutral');
  });

  it('labels text by its score, which stays within [-1, 1]', () => {
    expect(lexicon.score('I love this, it is wonderful', 'en').label).toBe('positive');
    expect(lexicon.score('This is awful and I hate it', 'en').label).toBe('negative');
    expect(lexicon.score('The train leaves at noon', 'en')).toEqual({ score: 0, label: 'neutral' });
    const extreme = 'GREAT '.repeat(200) + '!!!!!!';
    expect(score(extreme)).toBeLessThanOrEqual(1);
    expect(score(extreme)).toBeGreaterThan(0.99);
    expect(score('')).toBe(0);
  });
});

describe('rules', () => {
  it('a negation flips and weakens the word it governs', () => {
    expect(score('good')).toBeGreaterThan(0);
    expect(score('not good')).toBeLessThan(0);
    expect(Math.abs(score('not good'))).toBeLessThan(score('good'));
    expect(score("isn't bad")).toBeGreaterThan(0);
    expect(score('don’t like it')).toBeLessThan(0); // typographic apostrophe
    expect(score('never happy')).toBeLessThan(0);
  });

  it('a negation stops at the nearest sentiment word', () => {
    // "aren't" governs "good", not "dirty" behind it
    expect(score("You aren't good at dirty talk")).toBeLessThan(0);
  });

  it('"at least" is not a negation, "least" is', () => {
    expect(score('at least good')).toBeGreaterThan(0);
    expect(score('the least good')).toBeLessThan(0);
  });

  it('boosters intensify, dampeners soften', () => {
    expect(score('very good')).toBeGreaterThan(score('good'));
    expect(score('extremely bad')).toBeLessThan(score('bad'));
    expect(score('kind of good')).toBeLessThan(score('good'));
    expect(score('kind of good')).toBeGreaterThan(0);
    expect(score('slightly good')).toBeLessThan(score('good'));
  });

  it('capitals emphasise a word when the rest is not in capitals', () => {
    expect(score('the food was GOOD')).toBeGreaterThan(score('the food was good'));
    expect(score('THE FOOD WAS GOOD')).toBeCloseTo(score('the food was good'), 10);
  });

  it('exclamation marks raise intensity (up to four), question marks from two', () => {
    expect(score('good!')).toBeGreaterThan(score('good'));
    expect(score('good!!!!')).toBeGreaterThan(score('good!!'));
    expect(score('good!!!!!!!')).toBeCloseTo(score('good!!!!'), 10);
    expect(score('good??')).toBeGreaterThan(score('good?'));
    expect(score('good?')).toBeCloseTo(score('good'), 10);
  });

  it('"but" shifts the weight to what follows', () => {
    expect(score('the food was great but the service was terrible')).toBeLessThan(0);
    expect(score('the food was terrible but the service was great')).toBeGreaterThan(0);
  });

  it('stretched words count as the word, a little stronger', () => {
    expect(score('loooove')).toBeGreaterThan(score('love'));
    expect(score('goooood')).toBeGreaterThan(0);
    expect(score('hateeee it')).toBeLessThan(0);
    expect(score("lovin' it")).toBeCloseTo(score('loving it'), 10);
  });

  it('emoticons and emoji carry sentiment, even stuck to words, and are not negated', () => {
    expect(score(':)')).toBeGreaterThan(0);
    expect(score(':-(')).toBeLessThan(0);
    expect(score('<3')).toBeGreaterThan(0);
    expect(score(':(((')).toBeCloseTo(score(':('), 10);
    expect(score(':)))')).toBeGreaterThan(0);
    expect(score('D: D:')).toBeLessThan(0);
    expect(score('😍')).toBeGreaterThan(0);
    expect(score('😡')).toBeLessThan(0);
    expect(score('yes😍')).toBeGreaterThan(score('yes'));
    expect(score('👍🏽')).toBeGreaterThan(0); // skin tone modifier ignored
    expect(score('Nope :-)')).toBeGreaterThan(0);
  });

  it('idioms replace the sense of their words', () => {
    expect(score('this movie is the shit')).toBeGreaterThan(0);
    expect(score('this movie is shit')).toBeLessThan(0);
    expect(score('I am fed up')).toBeLessThan(0);
    expect(score('yeah right')).toBeLessThan(0);
  });

  it('punctuation around words does not hide them', () => {
    expect(score('(good)')).toBeCloseTo(score('good'), 10);
    expect(score('"happy",')).toBeCloseTo(score('happy'), 10);
    expect(score('#happy')).toBeCloseTo(score('happy'), 10);
  });
});

describe('one text at a time', () => {
  // The scorer reuses its token buffers: a text must not see the tokens of a longer one before it.
  it('scores a text the same whatever longer text was scored before it', () => {
    const pairs: Array<[before: string, text: string]> = [
      ['a b of', 'so kind'], // "kind of" would dampen
      ['a b shit', 'so the'], // "the shit" would be an idiom
      ['a b c d', 'what a beating'], // "beating heart"
      ['x x bad bad bad', 'good'],
      ['VERY GOOD INDEED', 'nice'],
    ];
    for (const [before, text] of pairs) {
      score('z z z z z z z z');
      const alone = score(text);
      score(before);
      expect(score(text), `${text} after ${before}`).toBe(alone);
    }
  });

  it('gives the positive and negative sides of the last text scored, before "but" weighs them', () => {
    const sides = new Float64Array(2);
    compoundScore('love it but hate the ending');
    lastPolarity(sides);
    expect(Array.from(sides)).toEqual([3.2, -2.7]);
    compoundScore('bad bad bad bad bad');
    compoundScore('not good');
    lastPolarity(sides);
    expect(sides[0]).toBe(0);
    expect(sides[1]).toBeCloseTo(1.9 * -0.74, 10);
    compoundScore('hello');
    lastPolarity(sides);
    expect(Array.from(sides)).toEqual([0, 0]);
  });
});

// Both scorers cover the same texts: the model reads the lexicon's score.
describe.each([lexicon, sentimentModel])('languages ($name scorer)', (scorer) => {
  it('scores English and its regional tags', () => {
    expect(scorer.score('what a great day', 'en').label).toBe('positive');
    expect(scorer.score('what a great day', 'en-GB').label).toBe('positive');
  });

  it('other languages are unscored, never neutral, whatever their words', () => {
    expect(scorer.score('Quelle belle journée, super', 'fr')).toEqual({ score: 0, label: 'unscored' });
    expect(scorer.score('Das ist gut', 'de').label).toBe('unscored');
    expect(scorer.score('😍', 'ja').label).toBe('unscored');
  });

  it('without a tag, or tagged und by X, Latin-script text and emoji are scored', () => {
    expect(scorer.score('love it').label).toBe('positive');
    expect(scorer.score('love it', null).label).toBe('positive');
    expect(scorer.score('😍😍', 'und').label).toBe('positive');
    expect(scorer.score('#win', 'qht').label).toBe('positive');
    expect(scorer.score('12:30', 'zxx').label).toBe('neutral');
  });

  it('without a tag, text mostly in another script is unscored', () => {
    expect(scorer.score('今日はとても良い天気ですね good').label).toBe('unscored');
    expect(scorer.score('Καλημέρα σε όλους', 'und').label).toBe('unscored');
    expect(scorer.score('정말 좋아요').label).toBe('unscored');
    expect(lexiconCovers('مرحبا')).toBe(false);
    expect(lexiconCovers('Straße ist schön')).toBe(true);
  });
});
