// The learned scorer with the shipped weights: they load, score a fixed table of tweets to the
// expected labels, keep the score/label contract and the lexicon's language rule, and a weights
// file that does not fit the featurizer is refused.
import { describe, expect, it } from 'vitest';
import {
  SENTIMENT_SCORERS,
  SentimentModelError,
  lexicon,
  scoreSentiment,
  sentimentModel,
  sentimentScorer,
  shippedModelInfo,
} from '../src/index.js';
import { decodeModel, encodeModel, type ModelFile } from '../src/sentiment/model-file.js';
import { SentimentModel, compactWeights } from '../src/sentiment/model.js';
import { shippedModel } from '../src/sentiment/shipped-model.js';

// Plain cases a person labels the same way; the lexicon alone gets "Can't wait..." wrong (neutral).
const TABLE: Array<[text: string, label: 'positive' | 'neutral' | 'negative']> = [
  ['I love this so much, best day ever! 😍', 'positive'],
  ['This is the worst service I have ever had. Never again.', 'negative'],
  ['The meeting has been moved to 3pm on Thursday.', 'neutral'],
  ['not bad at all, actually pretty good', 'positive'],
  ["I don't like it :(", 'negative'],
  ["Can't wait to see you tomorrow!!", 'positive'],
  ['Apple will announce the new iPhone on September 12 http://t.co/abc', 'neutral'],
  ['So sad to hear about the accident, thoughts with the families', 'negative'],
  ['Happy birthday @sam, have a great one! 🎉', 'positive'],
  ['ugh, my phone died again. hate this thing', 'negative'],
  ['What a beautiful morning :)', 'positive'],
  ['Traffic on I-95 is backed up for 5 miles', 'neutral'],
  ['worst. movie. ever.', 'negative'],
  ['I am so excited for the weekend', 'positive'],
];

describe('the learned scorer with the shipped weights', () => {
  it('was trained on the SemEval 2013-2016 file with the hyperparameters cross-validation chose', () => {
    const info = shippedModelInfo();
    expect(info.bits).toBe(18);
    expect(info.training).toMatchObject({
      data: { file: 'train-2013-2016.tsv' },
      examples: 49570,
      classCounts: { negative: 7729, neutral: 22196, positive: 19645 },
      folds: 5,
    });
  });

  it('labels a fixed table of tweets as expected', () => {
    const got = TABLE.map(([text]) => [text, sentimentModel.score(text, 'en').label]);
    expect(got).toEqual(TABLE);
  });

  it('scores P(positive) - P(negative) in [-1, 1], labelled by the most probable class', () => {
    const p = new Float64Array(3);
    for (const [text] of TABLE) {
      shippedModel().probabilities(text, p);
      expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 12);
      const { score, label } = sentimentModel.score(text, 'en');
      expect(score).toBeCloseTo(p[2]! - p[0]!, 12);
      expect(score).toBeGreaterThanOrEqual(-1);
      expect(score).toBeLessThanOrEqual(1);
      const best = p.indexOf(Math.max(p[0]!, p[1]!, p[2]!));
      expect(label).toBe(['negative', 'neutral', 'positive'][best]);
    }
    const long = 'what a great day, love it! '.repeat(2000);
    expect(sentimentModel.score(long, 'en').label).toBe('positive');
    expect(sentimentModel.score(long, 'en').score).toBeLessThanOrEqual(1);
  });

  it('is the default scorer, and the lexicon is still there by name', () => {
    expect(SENTIMENT_SCORERS).toEqual(['model', 'lexicon']);
    expect(sentimentScorer('model')).toBe(sentimentModel);
    expect(sentimentScorer('lexicon')).toBe(lexicon);
    const text = 'not bad at all, honestly';
    expect(scoreSentiment(text, 'en')).toEqual(sentimentModel.score(text, 'en'));
    expect(scoreSentiment(text, 'en', 'lexicon')).toEqual(lexicon.score(text, 'en'));
  });

  it('leaves languages the lexicon does not cover unscored', () => {
    expect(sentimentModel.score('Quelle belle journée, super', 'fr')).toEqual({
      score: 0,
      label: 'unscored',
    });
    expect(sentimentModel.score('今日はとても良い天気ですね good')).toEqual({ score: 0, label: 'unscored' });
    expect(sentimentModel.score('love it', 'und').label).toBe('positive');
  });
});

describe('weights files', () => {
  const bits = 6;
  const D = 5; // dense features
  const full = Array.from({ length: (2 ** bits + D + 1) * 3 }, (_, i) => Math.sin(i) / 2);
  const file = encodeModel(compactWeights(full, bits), { note: 'test' });

  it('round-trip, and neutral as the reference class changes no probability', () => {
    const decoded = decodeModel(JSON.parse(JSON.stringify(file)) as ModelFile);
    expect(decoded.bits).toBe(bits);
    const model = new SentimentModel(decoded);
    // The same logits computed from the full 3-class weights, directly.
    const buckets = [3, 17, 17, 60];
    const dense = [0.4, 1, 0, 0.5, 0.1];
    const z = [0, 1, 2].map((k) => {
      let sum = full[(2 ** bits + D) * 3 + k]!;
      dense.forEach((x, d) => (sum += x * full[(2 ** bits + d) * 3 + k]!));
      for (const b of buckets) sum += full[b * 3 + k]!;
      return sum;
    });
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const expected = e.map((v) => v / (e[0]! + e[1]! + e[2]!));
    const p = new Float64Array(3);
    model.probabilitiesOf(buckets, 0, buckets.length, dense, p);
    // 8-bit bucket weights (a step of max/127): equal to about 1e-3.
    for (let k = 0; k < 3; k++) expect(p[k]).toBeCloseTo(expected[k]!, 2);
  });

  it('that do not fit the featurizer are refused with a stable code', () => {
    const bad: Array<[Partial<ModelFile>, RegExp]> = [
      [{ format: 'hashpulse-sentiment-2' as ModelFile['format'] }, /format hashpulse-sentiment-2/],
      [{ classes: ['positive', 'neutral', 'negative'] }, /classes/],
      [{ dense: ['lexiconCompound'] }, /dense features/],
      [{ bits: 40 }, /bits 40/],
      [{ weights: file.weights.slice(0, 100) }, /bucket weights, expected 128/],
    ];
    for (const [change, message] of bad) {
      let thrown: unknown;
      try {
        decodeModel({ ...file, ...change });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(SentimentModelError);
      expect((thrown as SentimentModelError).code).toBe('HP_ERR_TWEETS_SENTIMENT_MODEL');
      expect((thrown as Error).message).toMatch(message);
    }
  });
});
