// Bursty trends: hashtags that surge and fade. Each burst adds tweets at a rate that rises
// exponentially to its peak and decays after it; the base rate is lowered to keep the mean rate.
import { Random } from './random.js';
import { TREND_TOPICS, type Mood } from './vocabulary.js';

export interface Burst {
  tag: string;
  mood: Mood;
  words: string;
  /** Peak time, ms after the start. */
  peakMs: number;
  riseMs: number;
  decayMs: number;
  /** Extra tweets per second at the peak. */
  peakRate: number;
}

export interface TrendSchedule {
  /** Tweets per second not tied to a burst. */
  baseRate: number;
  bursts: Burst[];
}

/** A burst's extra rate at `t` ms after the start. */
export function burstRate(burst: Burst, t: number): number {
  const d = t - burst.peakMs;
  return burst.peakRate * (d < 0 ? Math.exp(d / burst.riseMs) : Math.exp(-d / burst.decayMs));
}

/** Integral of burstRate over [0, durationMs], in tweets. */
function burstTweets(burst: Burst, durationMs: number): number {
  const before = burst.riseMs * (1 - Math.exp(-burst.peakMs / burst.riseMs));
  const after = burst.decayMs * (1 - Math.exp(-(durationMs - burst.peakMs) / burst.decayMs));
  return (burst.peakRate * (before + after)) / 1000;
}

/**
 * About one burst every three minutes, each peaking at 0.7-3x the mean rate; the base rate makes
 * the overall mean equal `meanRate`, and never falls below 55% of it.
 */
export function planTrends(seed: number, durationMs: number, meanRate: number): TrendSchedule {
  const random = new Random(seed, 0x7472656e64);
  const count = Math.max(1, Math.round(durationMs / 180_000));
  const bursts: Burst[] = [];
  for (let i = 0; i < count; i++) {
    const topic = TREND_TOPICS[(i + random.int(TREND_TOPICS.length)) % TREND_TOPICS.length]!;
    bursts.push({
      ...topic,
      peakMs: random.between(0.1, 0.9) * durationMs,
      riseMs: random.between(15_000, 60_000),
      decayMs: random.between(45_000, 180_000),
      peakRate: meanRate * random.between(0.7, 3),
    });
  }
  const totalTweets = (meanRate * durationMs) / 1000;
  let burstTotal = bursts.reduce((sum, burst) => sum + burstTweets(burst, durationMs), 0);
  if (burstTotal > 0.45 * totalTweets) {
    const scale = (0.45 * totalTweets) / burstTotal;
    for (const burst of bursts) burst.peakRate *= scale;
    burstTotal *= scale;
  }
  return { baseRate: (totalTweets - burstTotal) / (durationMs / 1000), bursts };
}
