// The human-rated VADER tweet set and the two agreement figures reported on it, shared by the
// accuracy test and bench/tweets.bench.ts so both measure the same way.
import { readFileSync } from 'node:fs';
import { SENTIMENT_SET } from './recordings.js';

export interface RatedTweet {
  /** Mean human rating, -4 (most negative) to +4. */
  rating: number;
  text: string;
}

export function readRatedTweets(): RatedTweet[] {
  return readFileSync(SENTIMENT_SET, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, rating, ...text] = line.split('\t');
      return { rating: Number(rating), text: text.join('\t') };
    });
}

export function pearson(xs: number[], ys: number[]): number {
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

/** Share of the tweets the humans did not rate 0 whose score has the humans' sign. */
export function signAgreement(scores: number[], ratings: number[]): { rated: number; agreement: number } {
  let rated = 0;
  let agree = 0;
  ratings.forEach((rating, i) => {
    if (rating === 0) return;
    rated++;
    if (Math.sign(scores[i] as number) === Math.sign(rating)) agree++;
  });
  return { rated, agreement: agree / rated };
}
