// The lexicon scorer against the reference VADER (npm vader-sentiment) on the rules it keeps, to
// four decimals, and each deliberate departure (score.ts's header lists them) as the equivalence
// it promises: a stretched word is the word a little stronger, a wrapped word is the word.
import vader from 'vader-sentiment';
import { describe, expect, it } from 'vitest';
import { lexicon } from '../src/index.js';

const score = (text: string) => lexicon.score(text, 'en').score;
const reference = (text: string) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
/** VADER's normalisation of a valence sum into the compound score. */
const compound = (sum: number) => sum / Math.sqrt(sum * sum + 15);

describe('the lexicon scorer scores as the reference VADER', () => {
  const cases: Array<[rule: string, texts: string[]]> = [
    ['plain words', ['I love it', 'I hate it', 'GOOD', 'café is good', 'sad day']],
    [
      'negation one, two and three words back',
      ['not very good', 'nothing is good', 'i am not really that good'],
    ],
    ['"so" and "this" shield from a negation three back', ['it isnt this bad', 'it is not so bad']],
    ['"least" negates unless after "at" or "very"', ['least good', 'at least good', 'very least good']],
    ['a contraction negation not in the list', ["shouldn't've been good", "don't like"]],
    ['"no" is a word, not a negation', ['no good']],
    ['boosters add up and follow the sign', ['very very good', 'really really bad']],
    [
      'capitals emphasise words and boosters',
      ['GOOD day', 'GOOD morning everyone', 'VERY good', 'very GOOD day'],
    ],
    ['capitals and a booster together', ['extremely BAD movie']],
    [
      '"but" weighs what follows',
      ['good but bad', 'bad but good', 'the food is good but the service is bad'],
    ],
    ['exclamation marks and two or three question marks', ['good!!', 'good??', 'good???', 'good?']],
    ['"not bad at all" and a clause after a comma', ['not bad at all', 'good, not bad']],
    ['emoticons and an idiom inside a sentence', [':-)', '<3', '</3', 'this is the shit']],
    ['Unicode spaces separate words', ['good\u00a0day', 'good\u3000day', 'sad\u2003day', 'good.']],
    ['a word joined by a hyphen is not the word', ['good-bye', 'not-good']],
    [
      'capitals on a negative word, on a booster and on a dampener',
      ['BAD day', 'VERY bad', 'EXTREMELY BAD day', 'kinda GOOD day', 'KINDA good day', 'not GOOD'],
    ],
    ['boosters two and three words back count 0.95 and 0.9', ['very very very good', 'very really very bad']],
    [
      'negations with words between them and the word',
      ['not the good', 'not a very good', 'not very very good', 'isnt very good', 'never very bad'],
    ],
    ['negations of negations and of words further on', ['not not good', 'good and not bad', 'without good']],
    [
      '"so" and "this" after a negation',
      ['i am not so happy', 'he is not this happy', 'nothing so very bad', 'never so very good'],
    ],
    ['"least" before a negative word', ['least bad', 'the least bad', 'at least bad', 'very least bad']],
    [
      '"but" more than once, in capitals, first or last',
      ['good but bad but good', 'good BUT bad', 'good but', 'but good'],
    ],
    ['"!" and "?" on a negative text, and none on a neutral one', ['bad!!', 'bad??', 'hello!!!', 'hello??']],
    [
      'a booster alone, and a word repeated',
      ['substantially', 'fucking', 'very', 'kind of', 'so kind', 'good good good', 'GOOD GOOD day'],
    ],
  ];
  for (const [rule, texts] of cases) {
    it(rule, () => {
      for (const text of texts) expect(score(text), text).toBeCloseTo(reference(text), 4);
    });
  }
});

describe('departures from the reference, each as the rule it keeps', () => {
  it('a stretched word is the word, 0.3 stronger; a stretched booster is the booster', () => {
    expect(score('goooood')).toBeCloseTo(compound(1.9 + 0.3), 4);
    expect(score('GOOOOD day')).toBeGreaterThan(score('GOOD day'));
    expect(score('loooove')).toBeCloseTo(compound(3.2 + 0.3), 4);
    expect(score('baaaad')).toBeCloseTo(compound(-2.5 - 0.3), 4);
    expect(score('sooo good')).toBeCloseTo(score('so good'), 4);
  });

  it('a dropped g is restored, with or without the apostrophe', () => {
    expect(score('lovin it')).toBeCloseTo(score('loving it'), 4);
    expect(score("lovin' it")).toBeCloseTo(score('loving it'), 4);
    expect(score('LOVIN it')).toBeCloseTo(score('LOVING it'), 4);
  });

  it('punctuation around a word does not hide it; a stretched emoticon is the emoticon', () => {
    for (const text of ['(good)', '"good"', '...good...', '*good*'])
      expect(score(text), text).toBe(score('good'));
    expect(score(':)))')).toBe(score(':)'));
    expect(score(':)')).toBeCloseTo(compound(2), 4);
    expect(score('=(((')).toBe(score('=('));
  });

  it('a typographic apostrophe reads as a plain one', () => {
    expect(score('don’t like')).toBe(score("don't like"));
    expect(score('isn’t good')).toBe(score("isn't good"));
  });

  it('emoji carry their valence, also stuck to a word, with skin tones and joiners ignored', () => {
    expect(score('😍')).toBeGreaterThan(0.5);
    expect(score('good😍')).toBe(score('good 😍'));
    expect(score('good 😍')).toBeGreaterThan(score('good'));
    expect(score('😭😭')).toBeLessThan(0);
    expect(score('good 👍🏽')).toBe(score('good 👍'));
    expect(score('good 👍\u200d')).toBe(score('good 👍'));
  });

  it('"never so" and "never this" intensify; "without doubt" is no negation', () => {
    expect(score('never so good')).toBeCloseTo(compound((1.9 + 0.293) * 1.25), 4);
    expect(score('never this good')).toBeCloseTo(compound(1.9 * 1.25), 4);
    expect(score('never this bad')).toBeCloseTo(compound(-2.5 * 1.25), 4);
    // "good" is not negated, and "without" turns "doubt" into assurance.
    expect(score('without doubt good')).toBeGreaterThan(score('good'));
    expect(score('without a doubt good')).toBe(score('without doubt good'));
  });

  it('four exclamation marks count at most; more than three question marks add 0.96', () => {
    expect(score('good!!!!!!')).toBe(score('good!!!!'));
    expect(score('bad!!!!!')).toBeCloseTo(compound(-2.5 - 4 * 0.292), 4);
    expect(score('bad????')).toBeCloseTo(compound(-2.5 - 0.96), 4);
    expect(score('good!!!!')).toBeCloseTo(compound(1.9 + 4 * 0.292), 4);
    expect(score('good?????')).toBeCloseTo(compound(1.9 + 0.96), 4);
  });
});

describe('idioms, negations in capitals and dampeners on negative words', () => {
  it('an idiom matches anywhere, as often as it occurs, and can be negated', () => {
    expect(score('the shit the shit')).toBeCloseTo(compound(3 + 3), 4);
    expect(score('not the shit')).toBeCloseTo(compound(3 * -0.74), 4);
    expect(score('yeah right good')).toBeCloseTo(compound(-2 + 1.9), 4);
  });

  it('a negation in capitals negates as in lower case', () => {
    expect(score('NOT good day')).toBeCloseTo(compound(1.9 * -0.74), 4);
  });

  it('"sort of" and "kind of" soften a negative word too', () => {
    expect(score('sort of bad')).toBeCloseTo(compound(-2.5 + 0.293), 4);
    expect(score('kind of sort of good')).toBeCloseTo(compound(1.9 - 0.293 - 0.293 * 0.9), 4);
  });
});

describe('the lexicon it scores with', () => {
  it("words only AFINN-165 rates count at 0.4 of AFINN's rating", () => {
    expect(score('atrocious')).toBeCloseTo(compound(-3 * 0.4), 4);
    expect(score('bankruptcy')).toBeCloseTo(compound(-3 * 0.4), 4);
  });

  it("VADER's own rating wins over AFINN's for a word both rate", () => {
    expect(score('good')).toBeCloseTo(compound(1.9), 4);
    expect(score('love')).toBeCloseTo(compound(3.2), 4);
  });

  it("emoji count at 0.8 of the Emoji Sentiment Ranking's rating", () => {
    expect(score('😍')).toBeCloseTo(compound(3 * 0.8), 4);
    expect(score('😭')).toBeCloseTo(compound(-1 * 0.8), 4);
    expect(score('👍')).toBeCloseTo(compound(2 * 0.8), 4);
  });

  it('an emoticon listed in two cases takes the lower-case rating, as VADER reads it', () => {
    expect(score(':P')).toBeCloseTo(compound(1), 4);
    expect(score(':P')).toBeCloseTo(reference(':P'), 4);
    expect(score(':D')).toBeCloseTo(reference(':D'), 4);
  });
});
