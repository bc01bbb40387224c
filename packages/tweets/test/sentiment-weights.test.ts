// The learned layer's arithmetic and its weights file: how full weights are quantised, how a
// weights file is checked and decoded, and how probabilities and the label come out of them.
import { describe, expect, it } from 'vitest';
import { SentimentModelError } from '../src/index.js';
import { DENSE_FEATURES } from '../src/sentiment/features.js';
import {
  type CompactWeights,
  type ModelFile,
  decodeModel,
  encodeModel,
} from '../src/sentiment/model-file.js';
import { SentimentModel, compactWeights, mostProbable } from '../src/sentiment/model.js';
import { shippedModel } from '../src/sentiment/shipped-model.js';

const D = DENSE_FEATURES.length;
const BITS = 4;
const ROWS = 2 ** BITS;

/** Full weights (3 per row) where row r, class k holds f(r, k). */
function fullWeights(f: (row: number, k: number) => number, bits = BITS): number[] {
  return Array.from({ length: (2 ** bits + D + 1) * 3 }, (_, i) => f(Math.floor(i / 3), i % 3));
}

function compact(overrides: Partial<CompactWeights> = {}): CompactWeights {
  return {
    bits: BITS,
    buckets: new Int8Array(ROWS * 2),
    scale: 1,
    dense: new Float64Array(D * 2),
    bias: new Float64Array(2),
    ...overrides,
  };
}

describe('compactWeights', () => {
  it('keeps negative and positive minus neutral, buckets as int8 of the largest bucket difference', () => {
    // Row r: negative 3r, neutral r, positive -r, so the differences are 2r and -2r.
    const weights = fullWeights((row, k) => (k === 0 ? 3 * row : k === 1 ? row : -row));
    const { bits, buckets, scale, dense, bias } = compactWeights(weights, BITS);
    expect(bits).toBe(BITS);
    expect(scale).toBeCloseTo((2 * (ROWS - 1)) / 127, 12); // dense and bias rows are not buckets
    expect(buckets[0]).toBe(0);
    expect(buckets[(ROWS - 1) * 2]).toBe(127);
    expect(buckets[(ROWS - 1) * 2 + 1]).toBe(-127);
    expect(buckets[2]).toBe(Math.round(2 / scale));
    expect(buckets[3]).toBe(Math.round(-2 / scale));
    expect(buckets[7 * 2]).toBe(Math.round(14 / scale));
    // Dense and bias weights are kept as exact differences.
    expect(Array.from(dense)).toEqual(
      Array.from({ length: D * 2 }, (_, i) => (i % 2 === 0 ? 2 : -2) * (ROWS + (i >> 1))),
    );
    expect(Array.from(bias)).toEqual([2 * (ROWS + D), -2 * (ROWS + D)]);
  });

  it('scales by the largest difference of either class', () => {
    const weights = fullWeights((row, k) => (row === 3 && k === 2 ? -5 : row === 5 && k === 0 ? 2 : 0));
    const { scale, buckets } = compactWeights(weights, BITS);
    expect(scale).toBeCloseTo(5 / 127, 12);
    expect(buckets[3 * 2 + 1]).toBe(-127);
    expect(buckets[5 * 2]).toBe(Math.round((2 * 127) / 5));
  });

  it('gives all-zero buckets the scale 1, and refuses weights of the wrong size', () => {
    const zero = compactWeights(
      fullWeights(() => 0),
      BITS,
    );
    expect(zero.scale).toBe(1);
    expect(zero.buckets.every((b) => b === 0)).toBe(true);
    expect(() => compactWeights(fullWeights(() => 0).slice(1), BITS)).toThrow(RangeError);
    expect(() =>
      compactWeights(
        fullWeights(() => 0),
        BITS + 1,
      ),
    ).toThrow(RangeError);
  });
});

describe('SentimentModel', () => {
  it('refuses compact weights whose buckets or dense weights do not fit', () => {
    expect(() => new SentimentModel(compact({ buckets: new Int8Array(ROWS * 2 - 2) }))).toThrow(RangeError);
    expect(() => new SentimentModel(compact({ dense: new Float64Array(D * 2 + 2) }))).toThrow(RangeError);
    expect(new SentimentModel(compact()).bits).toBe(BITS);
  });

  it('sums the bucket weights times the scale, the dense features and the bias into a softmax', () => {
    const buckets = new Int8Array(ROWS * 2);
    buckets.set([10, -20], 2 * 2);
    buckets.set([-3, 7], 9 * 2);
    const dense = Float64Array.from({ length: D * 2 }, (_, i) => (i + 1) / 10);
    const model = new SentimentModel(
      compact({ buckets, scale: 0.05, dense, bias: Float64Array.of(0.3, -0.2) }),
    );
    const x = [0.5, 1, 0, 0.25, 2];
    const p = new Float64Array(3);
    // Buckets 2, 2, 9; bucket 18 is bucket 2 (indices wrap at 2^bits); only [from, to) counts.
    model.probabilitiesOf([9, 2, 18, 9, 2, 9], 1, 4, x, p);
    let zNegative = 0.3 + (10 + 10 - 3) * 0.05;
    let zPositive = -0.2 + (-20 - 20 + 7) * 0.05;
    x.forEach((v, d) => {
      zNegative += v * dense[d * 2]!;
      zPositive += v * dense[d * 2 + 1]!;
    });
    const e = [Math.exp(zNegative), 1, Math.exp(zPositive)];
    const sum = e[0]! + e[1]! + e[2]!;
    expect(p[0]).toBeCloseTo(e[0]! / sum, 12);
    expect(p[1]).toBeCloseTo(e[1]! / sum, 12);
    expect(p[2]).toBeCloseTo(e[2]! / sum, 12);
  });

  it('stays finite for very large logits of either sign', () => {
    const p = new Float64Array(3);
    const huge = new SentimentModel(compact({ bias: Float64Array.of(2000, -1000) }));
    huge.probabilitiesOf([], 0, 0, new Float64Array(D), p);
    expect(Array.from(p)).toEqual([1, 0, 0]);
    const low = new SentimentModel(compact({ bias: Float64Array.of(-2000, -1000) }));
    low.probabilitiesOf([], 0, 0, new Float64Array(D), p);
    expect(Array.from(p)).toEqual([0, 1, 0]);
  });
});

describe('mostProbable', () => {
  it('picks the largest probability; a tie goes to neutral, then to negative', () => {
    const pick = (...p: number[]) => mostProbable(Float64Array.from(p));
    expect(pick(0.5, 0.3, 0.2)).toBe(0);
    expect(pick(0.2, 0.5, 0.3)).toBe(1);
    expect(pick(0.2, 0.3, 0.5)).toBe(2);
    expect(pick(1 / 3, 1 / 3, 1 / 3)).toBe(1);
    expect(pick(0.4, 0.4, 0.2)).toBe(1);
    expect(pick(0.2, 0.4, 0.4)).toBe(1);
    expect(pick(0.45, 0.1, 0.45)).toBe(0);
  });
});

describe('weights files', () => {
  const buckets = Int8Array.from({ length: 64 * 2 }, (_, i) => ((i * 37) % 255) - 127);
  const weights: CompactWeights = {
    bits: 6,
    // A view into a larger buffer: the file holds only the view's bytes.
    buckets: new Int8Array(Int8Array.of(99, ...buckets, 99).buffer, 1, buckets.length),
    scale: 0.01,
    dense: Float64Array.from({ length: D * 2 }, (_, i) => i - 3.5),
    bias: Float64Array.of(-0.25, 0.5),
  };
  const file = encodeModel(weights, { note: 'test' });

  it('carry the feature layout and the training notes, and decode to the same weights', () => {
    expect(file).toMatchObject({
      format: 'hashpulse-sentiment-3',
      bits: 6,
      classes: ['negative', 'neutral', 'positive'],
      dense: DENSE_FEATURES,
      scale: 0.01,
      training: { note: 'test' },
    });
    const decoded = decodeModel(JSON.parse(JSON.stringify(file)) as ModelFile);
    expect(decoded.bits).toBe(6);
    expect(Array.from(decoded.buckets)).toEqual(Array.from(buckets));
    expect(decoded.scale).toBe(0.01);
    expect(Array.from(decoded.dense)).toEqual(Array.from(weights.dense));
    expect(Array.from(decoded.bias)).toEqual([-0.25, 0.5]);
  });

  it('are refused when their shape or scale does not fit, naming the problem', () => {
    const refused = (change: Partial<ModelFile>): string => {
      try {
        decodeModel({ ...file, ...change });
      } catch (error) {
        expect(error).toBeInstanceOf(SentimentModelError);
        return (error as Error).message;
      }
      throw new Error(`accepted ${JSON.stringify(change)}`);
    };
    expect(refused({ bits: 3 })).toMatch(/: bits 3, expected 4 to 22$/);
    expect(refused({ bits: 23 })).toMatch(/bits 23, expected 4 to 22/);
    expect(refused({ bits: 6.5 })).toMatch(/bits 6\.5/);
    // 4 and 22 pass the bits check, and fail only on the number of bucket weights.
    expect(refused({ bits: 4 })).toMatch(/holds 128 bucket weights, expected 32$/);
    expect(refused({ bits: 22 })).toMatch(/holds 128 bucket weights, expected 8388608$/);
    expect(refused({ denseWeights: file.denseWeights.slice(1) })).toMatch(
      /dense or bias weights of the wrong length/,
    );
    expect(refused({ bias: [0.1] })).toMatch(/dense or bias weights of the wrong length/);
    expect(refused({ bias: [0.1, 0.2, 0.3] })).toMatch(/dense or bias weights of the wrong length/);
    for (const scale of [0, -0.01, Number.NaN]) expect(refused({ scale })).toMatch(/: scale (0|-0\.01|NaN)$/);
    expect(refused({ classes: ['negative', 'positive', 'neutral'] })).toMatch(
      /classes negative,positive,neutral, expected negative,neutral,positive/,
    );
    expect(refused({ dense: [...DENSE_FEATURES].reverse() })).toMatch(/dense features lexiconNegativeSum,/);
    expect(refused({ format: 'x' as ModelFile['format'] })).toMatch(
      /format x, expected hashpulse-sentiment-3/,
    );
  });

  it('the shipped weights are decoded once and shared', () => {
    expect(shippedModel()).toBe(shippedModel());
    expect(shippedModel().bits).toBe(18);
  });
});
