// Chart-ready arrays derived from the bounded histories. Rates (per second) rather than counts, so
// a trend stays comparable when the window length changes mid-chart.
import type { BatchMetrics, HashtagRef, SentimentSummary, WindowUpdate } from '@hashpulse/protocol';

export interface TrendPoint {
  end: number;
  /** Occurrences per second by hashtag key. */
  rates: ReadonlyMap<string, number>;
}

export interface TrendSeries {
  /** The tags drawn, named as the current window spells them. */
  tags: HashtagRef[];
  points: TrendPoint[];
}

/**
 * The current window's top `n` tags, each as occurrences/s in every recent window (0 where absent).
 * Windows are matched by the server's count key, never by a spelling folded here: the spelling
 * shown may change from window to window (STRASSE, then Straße) while the key stays the same.
 */
export function hashtagTrends(windows: readonly WindowUpdate[], n: number): TrendSeries {
  const current = windows[windows.length - 1];
  if (!current) return { tags: [], points: [] };
  const tags = current.hashtags.slice(0, n).map(({ tag, key }) => ({ tag, key }));
  const points = windows.map((window) => {
    const seconds = window.config.windowLengthMs / 1000;
    const rates = new Map(tags.map(({ key }) => [key, 0]));
    for (const { key, count } of window.hashtags) if (rates.has(key)) rates.set(key, count / seconds);
    return { end: window.end, rates };
  });
  return { tags, points };
}

/** The hashtag a chart entry stands for, from the payload the server sent (charts hand it over untyped). */
export function hashtagOf(payload: unknown): HashtagRef | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { tag, key } = payload as Partial<Record<'tag' | 'key', unknown>>;
  return typeof tag === 'string' && typeof key === 'string' ? { tag, key } : null;
}

export interface SentimentPoint {
  end: number;
  /** Shares of the window's tweets, in [0, 1]; they sum to 1 when the window has tweets. */
  positive: number;
  neutral: number;
  negative: number;
  unscored: number;
  mean: number | null;
}

/** One window's sentiment as shares, so windows of different lengths stack to the same height. */
export function sentimentPoint(end: number, sentiment: SentimentSummary): SentimentPoint {
  const total = sentiment.positive + sentiment.neutral + sentiment.negative + sentiment.unscored;
  const share = (n: number) => (total === 0 ? 0 : n / total);
  return {
    end,
    positive: share(sentiment.positive),
    neutral: share(sentiment.neutral),
    negative: share(sentiment.negative),
    unscored: share(sentiment.unscored),
    mean: sentiment.mean,
  };
}

export function sentimentOverTime(windows: readonly WindowUpdate[]): SentimentPoint[] {
  return windows.map(({ end, sentiment }) => sentimentPoint(end, sentiment));
}

export interface HealthPoint extends BatchMetrics {
  /** Records per second of batch interval. */
  inputRate: number;
}

export interface HealthSummary {
  batches: number;
  meanInputRate: number;
  meanProcessingMs: number;
  meanSchedulingDelayMs: number;
  meanTotalDelayMs: number;
  lastTotalDelayMs: number | null;
  dropped: number;
  /** Batches whose processing took longer than the batch interval: the engine is falling behind. */
  slowBatches: number;
}

export function engineHealth(
  metrics: readonly BatchMetrics[],
  batchIntervalMs: number,
): { points: HealthPoint[]; summary: HealthSummary } {
  const seconds = batchIntervalMs / 1000;
  const points = metrics.map((m) => ({ ...m, inputRate: m.records / seconds }));
  const n = points.length;
  const mean = (pick: (p: HealthPoint) => number) =>
    n === 0 ? 0 : points.reduce((sum, p) => sum + pick(p), 0) / n;
  return {
    points,
    summary: {
      batches: n,
      meanInputRate: mean((p) => p.inputRate),
      meanProcessingMs: mean((p) => p.processingTimeMs),
      meanSchedulingDelayMs: mean((p) => p.schedulingDelayMs),
      meanTotalDelayMs: mean((p) => p.totalDelayMs),
      lastTotalDelayMs: points[n - 1]?.totalDelayMs ?? null,
      dropped: points.reduce((sum, p) => sum + p.droppedRecords, 0),
      slowBatches: points.filter((p) => p.processingTimeMs > batchIntervalMs).length,
    },
  };
}

/**
 * Colour slots for the tags (by key) on a chart, keeping each tag's slot while it stays on the
 * chart so a line does not change colour when the ranking reshuffles; new tags take the free slots.
 */
export function assignColorSlots(
  previous: ReadonlyMap<string, number>,
  tags: readonly string[],
  slots: number,
): Map<string, number> {
  const next = new Map<string, number>();
  for (const tag of tags) {
    const slot = previous.get(tag);
    if (slot !== undefined) next.set(tag, slot);
  }
  const used = new Set(next.values());
  let free = 0;
  for (const tag of tags) {
    if (next.has(tag)) continue;
    while (used.has(free) && free < slots) free += 1;
    const slot = free < slots ? free : next.size % slots;
    next.set(tag, slot);
    used.add(slot);
  }
  return next;
}
