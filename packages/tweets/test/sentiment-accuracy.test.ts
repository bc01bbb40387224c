// The scorer's agreement with ~20 human raters per tweet on the VADER tweet set (4,200 tweets).
import { describe, expect, it } from 'vitest';
import { scoreSentiment } from '../src/index.js';
import { pearson, readRatedTweets, signAgreement } from './sentiment-set.js';

describe('accuracy on the human-rated VADER tweet set', () => {
  const rows = readRatedTweets();
  // The set has no language tags; it is English, as scored by its authors.
  const scores = rows.map((row) => scoreSentiment(row.text, 'en').score);
  const ratings = rows.map((row) => row.rating);

  it('reads all 4,200 rated tweets', () => {
    expect(rows).toHaveLength(4200);
    expect(ratings.every((r) => Number.isFinite(r) && r >= -4 && r <= 4)).toBe(true);
  });

  it('correlates with the human mean ratings at Pearson r >= 0.88', () => {
    expect(pearson(scores, ratings)).toBeGreaterThanOrEqual(0.88);
  });

  it('agrees in sign with the humans on >= 93% of the tweets they did not rate 0', () => {
    const { rated, agreement } = signAgreement(scores, ratings);
    expect(rated).toBeGreaterThan(4000);
    expect(agreement).toBeGreaterThanOrEqual(0.93);
  });

  it('does at least as well as npm vader-sentiment on the same tweets', async () => {
    const vader = (await import('vader-sentiment')).default;
    const reference = rows.map((row) => vader.SentimentIntensityAnalyzer.polarity_scores(row.text).compound);
    expect(pearson(scores, ratings)).toBeGreaterThan(pearson(reference, ratings));
  });
});
