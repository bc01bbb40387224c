// The public sentiment API: a score in [-1, 1] and its label, or "unscored" for text in a
// language the lexicon does not cover, from one of two scorers: the learned model (default) or
// the lexicon alone.
import { lexiconCovers } from './language.js';
import { mostProbable } from './model.js';
import { shippedModel } from './shipped-model.js';
import { compoundScore } from './score.js';

export type SentimentLabel = 'positive' | 'neutral' | 'negative' | 'unscored';

export interface SentimentScore {
  /** In [-1, 1]; 0 when unscored (then leave it out of means: the label says why). */
  score: number;
  label: SentimentLabel;
}

/** The scorers: `model` (the lexicon plus a learned layer) and `lexicon` (VADER-style rules). */
export const SENTIMENT_SCORERS = ['model', 'lexicon'] as const;
export type SentimentScorerName = (typeof SENTIMENT_SCORERS)[number];

export interface SentimentScorer {
  readonly name: SentimentScorerName;
  /** `lang` is X's language tag; lexiconCovers (language.ts) says which texts are scored. */
  score(text: string, lang?: string | null): SentimentScore;
}

/** Label boundaries of the lexicon's compound score, as VADER's authors recommend. */
export const POSITIVE_THRESHOLD = 0.05;
export const NEGATIVE_THRESHOLD = -0.05;

/** The lexicon's label of a compound score of covered text. */
export function sentimentLabel(score: number): Exclude<SentimentLabel, 'unscored'> {
  if (score >= POSITIVE_THRESHOLD) return 'positive';
  if (score <= NEGATIVE_THRESHOLD) return 'negative';
  return 'neutral';
}

const UNSCORED: SentimentScore = Object.freeze({ score: 0, label: 'unscored' });
const MODEL_LABELS = ['negative', 'neutral', 'positive'] as const;

/** VADER's rules and lexicon (see score.ts): the compound score, labelled at ±0.05. */
export const lexicon: SentimentScorer = {
  name: 'lexicon',
  score(text, lang) {
    if (!lexiconCovers(text, lang)) return UNSCORED;
    const score = compoundScore(text);
    return { score, label: sentimentLabel(score) };
  },
};

// Scoring is synchronous, so one probability buffer serves every call.
const probabilities = new Float64Array(3);

/**
 * The learned layer (model.ts) over the lexicon: score P(positive) - P(negative), label the most
 * probable class. Covers the same texts as the lexicon, whose score it reads.
 */
export const sentimentModel: SentimentScorer = {
  name: 'model',
  score(text, lang) {
    if (!lexiconCovers(text, lang)) return UNSCORED;
    shippedModel().probabilities(text, probabilities);
    const score = (probabilities[2] as number) - (probabilities[0] as number);
    return { score, label: MODEL_LABELS[mostProbable(probabilities)] };
  },
};

const SCORERS: Record<SentimentScorerName, SentimentScorer> = { model: sentimentModel, lexicon };

export function sentimentScorer(name: SentimentScorerName): SentimentScorer {
  return SCORERS[name];
}

/** Scores text with the named scorer (the model unless told otherwise). */
export function scoreSentiment(
  text: string,
  lang?: string | null,
  scorer: SentimentScorerName = 'model',
): SentimentScore {
  return SCORERS[scorer].score(text, lang);
}
