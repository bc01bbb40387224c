// The weights the package ships (model/weights.json, written by `npm run train:sentiment`),
// decoded on first use so that lexicon-only users never pay for them.
import file from './model/weights.json' with { type: 'json' };
import { SentimentModel } from './model.js';
import type { ModelFile } from './model-file.js';

let model: SentimentModel | undefined;

export function shippedModel(): SentimentModel {
  model ??= SentimentModel.fromFile(file as ModelFile);
  return model;
}

/** How the shipped weights were trained (data, hyperparameters, cross-validation figures). */
export function shippedModelInfo(): { bits: number; training: Record<string, unknown> } {
  return { bits: file.bits, training: file.training };
}
