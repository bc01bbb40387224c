// Multinomial logistic regression on featurized tweets: the training set in compressed rows, the
// class-weighted, L2-regularised cross-entropy and its gradient, the fit (L-BFGS), and the
// figures it is judged by (macro-averaged recall, the SemEval task's measure, and accuracy).
import { DENSE_FEATURES, Features } from '../features.js';
import { CLASSES } from '../model-file.js';
import { SentimentModel, compactWeights, featurizeText, mostProbable } from '../model.js';
import { type Objective, minimize } from './lbfgs.js';

const K = CLASSES.length;
const D = DENSE_FEATURES.length;

export interface LabelledText {
  /** Index into CLASSES. */
  label: number;
  text: string;
}

/** Featurized examples in compressed rows: example i's buckets are buckets[offsets[i]..offsets[i+1]). */
export interface Dataset {
  bits: number;
  labels: Uint8Array;
  offsets: Int32Array;
  buckets: Int32Array;
  /** D dense features per example. */
  dense: Float64Array;
}

export function featurizeAll(rows: readonly LabelledText[], bits: number): Dataset {
  const features = new Features();
  const labels = new Uint8Array(rows.length);
  const offsets = new Int32Array(rows.length + 1);
  const dense = new Float64Array(rows.length * D);
  const all: number[] = [];
  rows.forEach((row, i) => {
    featurizeText(row.text, bits, features);
    for (let j = 0; j < features.count; j++) all.push(features.buckets[j] as number);
    offsets[i + 1] = all.length;
    dense.set(features.dense, i * D);
    labels[i] = row.label;
  });
  return { bits, labels, offsets, buckets: Int32Array.from(all), dense };
}

/** The examples at `indices`, as a dataset of their own (cross-validation folds). */
export function subset(data: Dataset, indices: readonly number[]): Dataset {
  const labels = new Uint8Array(indices.length);
  const offsets = new Int32Array(indices.length + 1);
  const dense = new Float64Array(indices.length * D);
  let total = 0;
  for (const i of indices) total += (data.offsets[i + 1] as number) - (data.offsets[i] as number);
  const buckets = new Int32Array(total);
  let at = 0;
  indices.forEach((i, k) => {
    labels[k] = data.labels[i] as number;
    const from = data.offsets[i] as number;
    const to = data.offsets[i + 1] as number;
    buckets.set(data.buckets.subarray(from, to), at);
    at += to - from;
    offsets[k + 1] = at;
    dense.set(data.dense.subarray(i * D, i * D + D), k * D);
  });
  return { bits: data.bits, labels, offsets, buckets, dense };
}

export interface FitOptions {
  /** L2 penalty on every weight but the biases, per example. */
  l2: number;
  /** Weigh each class by n / (3 n_class), so the rare negative class counts as much as the others. */
  balanced: boolean;
  maxIterations: number;
}

export interface Fit {
  model: SentimentModel;
  iterations: number;
  loss: number;
}

/**
 * The training objective of `data`: the class-weighted mean cross-entropy plus l2 / 2 times the
 * squared weights (the biases left out), written with its gradient for L-BFGS. Weights are laid
 * out as compactWeights reads them: a row per bucket, then per dense feature, then the bias.
 */
export function objective(data: Dataset, options: Pick<FitOptions, 'l2' | 'balanced'>): Objective {
  const n = data.labels.length;
  const counts = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const y = data.labels[i] as number;
    counts[y] = (counts[y] as number) + 1;
  }
  const classWeight = counts.map((c) => (options.balanced && c > 0 ? n / (K * c) : 1));
  // One row per bucket and dense feature, and the bias; a weight per class in each.
  const rows = 2 ** data.bits + D + 1;
  const biasRow = rows - 1;
  const denseRow = 2 ** data.bits;
  const { labels, offsets, buckets, dense } = data;
  const l2 = options.l2;

  return (w: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    let weightSum = 0;
    for (let i = 0; i < n; i++) {
      const from = offsets[i] as number;
      const to = offsets[i + 1] as number;
      let b = biasRow * K;
      let z0 = w[b] as number;
      let z1 = w[b + 1] as number;
      let z2 = w[b + 2] as number;
      for (let d = 0; d < D; d++) {
        const x = dense[i * D + d] as number;
        b = (denseRow + d) * K;
        z0 += x * (w[b] as number);
        z1 += x * (w[b + 1] as number);
        z2 += x * (w[b + 2] as number);
      }
      for (let j = from; j < to; j++) {
        b = (buckets[j] as number) * K;
        z0 += w[b] as number;
        z1 += w[b + 1] as number;
        z2 += w[b + 2] as number;
      }
      const m = Math.max(z0, z1, z2);
      const e0 = Math.exp(z0 - m);
      const e1 = Math.exp(z1 - m);
      const e2 = Math.exp(z2 - m);
      const sum = e0 + e1 + e2;
      const y = labels[i] as number;
      const cw = classWeight[y] as number;
      weightSum += cw;
      loss += cw * (Math.log(sum) + m - (y === 0 ? z0 : y === 1 ? z1 : z2));
      const r0 = cw * (e0 / sum - (y === 0 ? 1 : 0));
      const r1 = cw * (e1 / sum - (y === 1 ? 1 : 0));
      const r2 = cw * (e2 / sum - (y === 2 ? 1 : 0));
      b = biasRow * K;
      grad[b] = (grad[b] as number) + r0;
      grad[b + 1] = (grad[b + 1] as number) + r1;
      grad[b + 2] = (grad[b + 2] as number) + r2;
      for (let d = 0; d < D; d++) {
        const x = dense[i * D + d] as number;
        b = (denseRow + d) * K;
        grad[b] = (grad[b] as number) + x * r0;
        grad[b + 1] = (grad[b + 1] as number) + x * r1;
        grad[b + 2] = (grad[b + 2] as number) + x * r2;
      }
      for (let j = from; j < to; j++) {
        b = (buckets[j] as number) * K;
        grad[b] = (grad[b] as number) + r0;
        grad[b + 1] = (grad[b + 1] as number) + r1;
        grad[b + 2] = (grad[b + 2] as number) + r2;
      }
    }
    let penalty = 0;
    const inv = 1 / weightSum;
    const last = biasRow * K;
    for (let k = 0; k < grad.length; k++) {
      const wk = w[k] as number;
      let gk = (grad[k] as number) * inv;
      if (k < last) {
        penalty += wk * wk;
        gk += l2 * wk;
      }
      grad[k] = gk;
    }
    return loss * inv + 0.5 * l2 * penalty;
  };
}

export function fit(data: Dataset, options: FitOptions): Fit {
  const rows = 2 ** data.bits + D + 1;
  const result = minimize(objective(data, options), new Float64Array(rows * K), {
    maxIterations: options.maxIterations,
    tolerance: 1e-6,
  });
  return {
    model: new SentimentModel(compactWeights(result.x, data.bits)),
    iterations: result.iterations,
    loss: result.value,
  };
}

export interface Evaluation {
  /** Mean over the three classes of the share of that class's examples labelled as it. */
  macroRecall: number;
  accuracy: number;
  recall: Record<(typeof CLASSES)[number], number>;
}

/** Labels `predicted` (class indices) against `actual`. */
export function evaluate(actual: ArrayLike<number>, predicted: ArrayLike<number>): Evaluation {
  const hits = [0, 0, 0];
  const totals = [0, 0, 0];
  let correct = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i] as number;
    totals[y] = (totals[y] as number) + 1;
    if (predicted[i] === y) {
      hits[y] = (hits[y] as number) + 1;
      correct++;
    }
  }
  const recall = hits.map((h, k) => (totals[k] === 0 ? 0 : h / (totals[k] as number)));
  return {
    macroRecall: recall.reduce((a, b) => a + b, 0) / K,
    accuracy: correct / actual.length,
    recall: { negative: recall[0] as number, neutral: recall[1] as number, positive: recall[2] as number },
  };
}

/** The model's labels for a featurized dataset. */
export function predictAll(model: SentimentModel, data: Dataset): Uint8Array {
  const out = new Uint8Array(data.labels.length);
  const p = new Float64Array(K);
  for (let i = 0; i < out.length; i++) {
    model.probabilitiesOf(
      data.buckets,
      data.offsets[i] as number,
      data.offsets[i + 1] as number,
      data.dense.subarray(i * D, i * D + D),
      p,
    );
    out[i] = mostProbable(p);
  }
  return out;
}
