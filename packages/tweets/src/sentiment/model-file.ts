// The learned scorer's weights file: a small JSON header (feature layout, how it was trained), the
// dense and bias weights as numbers and the bucket weights as 8-bit integers in base64, so the
// package imports it like any JSON module (no file I/O, and tsc copies it into dist). Written by
// the trainer, read by shipped-model.ts. The layout is model.ts's CompactWeights.
import { SentimentModelError } from '../errors.js';
import { DENSE_FEATURES } from './features.js';

/** Class order of the model's outputs. */
export const CLASSES = ['negative', 'neutral', 'positive'] as const;
export type ModelClass = (typeof CLASSES)[number];

export const MODEL_FORMAT = 'hashpulse-sentiment-3';

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  /** 2^bits hashed buckets. */
  bits: number;
  classes: readonly string[];
  /** Names of the dense features, in order. */
  dense: readonly string[];
  /** Per dense feature: (negative - neutral, positive - neutral) weights. */
  denseWeights: readonly number[];
  /** (negative - neutral, positive - neutral) biases. */
  bias: readonly number[];
  /** bucket weight = int8 x scale. */
  scale: number;
  /** How the weights were made: data, hyperparameters, cross-validation figures. */
  training: Record<string, unknown>;
  /** Int8, per bucket (negative - neutral, positive - neutral), base64. */
  weights: string;
}

/** The weights in the compact form scoring reads (see model.ts). */
export interface CompactWeights {
  bits: number;
  /** 2^bits x 2, row-major: (negative - neutral, positive - neutral) per bucket. */
  buckets: Int8Array;
  scale: number;
  /** D x 2, same layout. */
  dense: Float64Array;
  /** negative - neutral, positive - neutral. */
  bias: Float64Array;
}

export function encodeModel(weights: CompactWeights, training: Record<string, unknown>): ModelFile {
  const { buckets } = weights;
  const bytes = Buffer.from(buckets.buffer, buckets.byteOffset, buckets.byteLength);
  return {
    format: MODEL_FORMAT,
    bits: weights.bits,
    classes: CLASSES,
    dense: DENSE_FEATURES,
    denseWeights: Array.from(weights.dense),
    bias: Array.from(weights.bias),
    scale: weights.scale,
    training,
    weights: bytes.toString('base64'),
  };
}

/** The weights of a model file; throws SentimentModelError when it does not fit this featurizer. */
export function decodeModel(file: ModelFile): CompactWeights {
  const problem =
    file.format !== MODEL_FORMAT
      ? `format ${String(file.format)}, expected ${MODEL_FORMAT}`
      : file.classes.join() !== CLASSES.join()
        ? `classes ${file.classes.join()}, expected ${CLASSES.join()}`
        : file.dense.join() !== DENSE_FEATURES.join()
          ? `dense features ${file.dense.join()}, expected ${DENSE_FEATURES.join()}`
          : !Number.isInteger(file.bits) || file.bits < 4 || file.bits > 22
            ? `bits ${file.bits}, expected 4 to 22`
            : file.denseWeights.length !== DENSE_FEATURES.length * 2 || file.bias.length !== 2
              ? 'dense or bias weights of the wrong length'
              : !(file.scale > 0)
                ? `scale ${file.scale}`
                : null;
  if (problem !== null)
    throw new SentimentModelError(`sentiment model file does not fit this scorer: ${problem}`);
  const bytes = Buffer.from(file.weights, 'base64');
  const length = 2 ** file.bits * 2;
  if (bytes.length !== length) {
    throw new SentimentModelError(
      `sentiment model file holds ${bytes.length} bucket weights, expected ${length}`,
    );
  }
  const buckets = new Int8Array(length);
  buckets.set(new Int8Array(bytes.buffer, bytes.byteOffset, length));
  return {
    bits: file.bits,
    buckets,
    scale: file.scale,
    dense: Float64Array.from(file.denseWeights),
    bias: Float64Array.from(file.bias),
  };
}
