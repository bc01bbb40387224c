// The public sentiment API: a score in [-1, 1] and its label, or "unscored" for text in a
// language the lexicon does not cover.
import { lexiconCovers } from './language.js';
import { compoundScore } from './score.js';

export type SentimentLabel = 'positive' | 'neutral' | 'negative' | 'unscored';

export interface SentimentScore {
  /** In [-1, 1]; 0 when unscored (then leave it out of means: the label says why). */
  score: number;
  label: SentimentLabel;
}

/** Label boundaries, as VADER's authors recommend for its compound score. */
export const POSITIVE_THRESHOLD = 0.05;
export const NEGATIVE_THRESHOLD = -0.05;

/** The label of a score of covered text. */
export function sentimentLabel(score: number): Exclude<SentimentLabel, 'unscored'> {
  if (score >= POSITIVE_THRESHOLD) return 'positive';
  if (score <= NEGATIVE_THRESHOLD) return 'negative';
  return 'neutral';
}

const UNSCORED: SentimentScore = Object.freeze({ score: 0, label: 'unscored' });

/**
 * Scores English text (VADER's rules and lexicon; see score.ts). `lang` is X's language tag;
 * lexiconCovers (language.ts) documents how a missing tag and "und" are treated.
 */
export function scoreSentiment(text: string, lang?: string | null): SentimentScore {
  if (!lexiconCovers(text, lang)) return UNSCORED;
  const score = compoundScore(text);
  return { score, label: sentimentLabel(score) };
}
