// The learned layer: a 3-class logistic regression over the featurizer's hashed tokens and the
// lexicon's scores. Training (training/) and scoring both predict through this class, so
// what was cross-validated is what runs, quantisation included.
import { DENSE_FEATURES, Features, featurizeLoaded } from './features.js';
import { CLASSES, type CompactWeights, type ModelFile, decodeModel } from './model-file.js';
import { compoundScoreOf, lastPolarity } from './score.js';
import { TextUnits } from './text-units.js';

const K = CLASSES.length;
const D = DENSE_FEATURES.length;

/**
 * Full weights (rows: 2^bits buckets, D dense features, the bias; 3 classes per row, as the
 * trainer fits them) into the compact form scoring reads. Softmax only depends on differences of
 * the logits, so the neutral class becomes the reference (logit 0) and each bucket keeps two
 * weights, negative and positive minus neutral, as 8-bit integers times a scale: 512 KiB for 2^18
 * buckets instead of 3 MiB of floats. The lookups are the learned layer's cache misses; halving
 * the table from 16-bit weights made the model scorer about 4% faster (side by side on the VADER
 * set's texts) and moved no SemEval-2017 or VADER-set figure by more than 0.0003 (bench).
 */
export function compactWeights(weights: ArrayLike<number>, bits: number): CompactWeights {
  const rows = 2 ** bits;
  if (weights.length !== (rows + D + 1) * K) throw new RangeError('weights do not fit the bucket count');
  const diff = (row: number, k: 0 | 2) => (weights[row * K + k] as number) - (weights[row * K + 1] as number);
  let max = 0;
  for (let r = 0; r < rows; r++) max = Math.max(max, Math.abs(diff(r, 0)), Math.abs(diff(r, 2)));
  const scale = max === 0 ? 1 : max / 127;
  const buckets = new Int8Array(rows * 2);
  for (let r = 0; r < rows; r++) {
    buckets[r * 2] = Math.round(diff(r, 0) / scale);
    buckets[r * 2 + 1] = Math.round(diff(r, 2) / scale);
  }
  const dense = new Float64Array(D * 2);
  for (let d = 0; d < D; d++) {
    dense[d * 2] = diff(rows + d, 0);
    dense[d * 2 + 1] = diff(rows + d, 2);
  }
  const bias = Float64Array.of(diff(rows + D, 0), diff(rows + D, 2));
  return { bits, buckets, scale, dense, bias };
}

// Featurizing is synchronous, so one text buffer and one polarity pair serve every call.
const units = new TextUnits();
const polarity = new Float64Array(2);

/**
 * The model's features of `text` into `into`: the lexicon's scores, then the hashed tokens, both
 * read from one copy of the text. Training and scoring both featurize through here.
 */
export function featurizeText(text: string, bits: number, into: Features): void {
  units.load(text);
  const compound = compoundScoreOf(units);
  lastPolarity(polarity);
  featurizeLoaded(units, compound, bits, into, polarity[0] as number, polarity[1] as number);
}

export class SentimentModel {
  readonly bits: number;
  private readonly mask: number;
  private readonly buckets: Int8Array;
  private readonly scale: number;
  private readonly dense: Float64Array;
  private readonly bias: Float64Array;
  // Scoring is synchronous, so one feature buffer serves every call.
  private readonly features = new Features();

  static fromFile(file: ModelFile): SentimentModel {
    return new SentimentModel(decodeModel(file));
  }

  constructor(readonly weights: CompactWeights) {
    if (weights.buckets.length !== 2 ** weights.bits * 2 || weights.dense.length !== D * 2) {
      throw new RangeError('compact weights do not fit the bucket count');
    }
    this.bits = weights.bits;
    this.mask = 2 ** weights.bits - 1;
    this.buckets = weights.buckets;
    this.scale = weights.scale;
    this.dense = weights.dense;
    this.bias = weights.bias;
  }

  /** Class probabilities (negative, neutral, positive) of already featurized text into `out`. */
  probabilitiesOf(
    buckets: ArrayLike<number>,
    from: number,
    to: number,
    dense: ArrayLike<number>,
    out: Float64Array,
  ): void {
    const w = this.buckets;
    // Integer sums are exact; the scale is applied once.
    let n = 0;
    let p = 0;
    for (let j = from; j < to; j++) {
      const b = ((buckets[j] as number) & this.mask) << 1;
      n += w[b] as number;
      p += w[b + 1] as number;
    }
    let zNegative = (this.bias[0] as number) + n * this.scale;
    let zPositive = (this.bias[1] as number) + p * this.scale;
    for (let d = 0; d < D; d++) {
      const x = dense[d] as number;
      zNegative += x * (this.dense[d * 2] as number);
      zPositive += x * (this.dense[d * 2 + 1] as number);
    }
    // Softmax over (zNegative, 0, zPositive), shifted by the largest for stability.
    const m = Math.max(zNegative, 0, zPositive);
    const eNegative = Math.exp(zNegative - m);
    const eNeutral = Math.exp(-m);
    const ePositive = Math.exp(zPositive - m);
    const sum = eNegative + eNeutral + ePositive;
    out[0] = eNegative / sum;
    out[1] = eNeutral / sum;
    out[2] = ePositive / sum;
  }

  /** Class probabilities (negative, neutral, positive) of English text into `out`. */
  probabilities(text: string, out: Float64Array): void {
    const f = this.features;
    featurizeText(text, this.bits, f);
    this.probabilitiesOf(f.buckets, 0, f.count, f.dense, out);
  }
}

/** The most probable class of a probability triple (ties: neutral, then negative). */
export function mostProbable(p: Float64Array): 0 | 1 | 2 {
  const p0 = p[0] as number;
  const p1 = p[1] as number;
  const p2 = p[2] as number;
  if (p2 > p1 && p2 > p0) return 2;
  if (p0 > p1 && p0 >= p2) return 0;
  return 1;
}
