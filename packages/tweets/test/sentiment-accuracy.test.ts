// The scorer's agreement with ~20 human raters per tweet on the VADER tweet set (4,200 tweets).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreSentiment } from '../src/index';
import { SENTIMENT_SET } from './recordings';

function pearson(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('accuracy on the human-rated VADER tweet set', () => {
  const rows = readFileSync(SENTIMENT_SET, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, rating, ...text] = line.split('\t');
      return { rating: Number(rating), text: text.join('\t') };
    });
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
    let rated = 0;
    let agree = 0;
    for (let i = 0; i < rows.length; i++) {
      const rating = ratings[i] as number;
      if (rating === 0) continue;
      rated++;
      if (Math.sign(scores[i] as number) === Math.sign(rating)) agree++;
    }
    expect(rated).toBeGreaterThan(4000);
    expect(agree / rated).toBeGreaterThanOrEqual(0.93);
  });

  it('does at least as well as npm vader-sentiment on the same tweets', async () => {
    const vader = (await import('vader-sentiment')).default;
    const reference = rows.map((row) => vader.SentimentIntensityAnalyzer.polarity_scores(row.text).compound);
    expect(pearson(scores, ratings)).toBeGreaterThan(pearson(reference, ratings));
  });
});
