import { describe, expect, it } from 'vitest';
import { assignColorSlots, engineHealth, hashtagTrends, sentimentOverTime } from './series';
import { batchMetrics, windowUpdate } from './testing/fixtures';

describe('chart series', () => {
  it('trends follow the current top tags as rates, comparable across window lengths', () => {
    const tenSeconds = { batchIntervalMs: 1000, windowLengthMs: 10_000, slideMs: 5000 };
    const windows = [
      windowUpdate(5000, [
        ['Old', 60],
        ['b', 6],
      ]),
      windowUpdate(
        10_000,
        [
          ['B', 20],
          ['old', 5],
        ],
        tenSeconds,
      ),
    ];
    const { tags, points } = hashtagTrends(windows, 1);
    expect(tags).toEqual(['B']);
    expect(points).toEqual([
      { end: 5000, B: 0.1 },
      { end: 10_000, B: 2 },
    ]);
  });

  it('sentiment shares sum to one and keep the mean', () => {
    const [point] = sentimentOverTime([windowUpdate(5000, [['a', 1]])]);
    expect(point!.positive + point!.neutral + point!.negative + point!.unscored).toBeCloseTo(1);
    expect(point!.mean).toBe(0.2);
  });

  it('engine health gives input rate per batch and flags batches slower than the interval', () => {
    const slow = { ...batchMetrics(2000, 50), processingTimeMs: 1500, droppedRecords: 7 };
    const { points, summary } = engineHealth([batchMetrics(1000, 100), slow], 500);
    expect(points.map((p) => p.inputRate)).toEqual([200, 100]);
    expect(summary).toMatchObject({ batches: 2, dropped: 7, slowBatches: 1, lastTotalDelayMs: 42 });
  });
});

describe('trend line colours', () => {
  it('a tag keeps its colour while it stays on the chart; newcomers take the freed ones', () => {
    const first = assignColorSlots(new Map(), ['a', 'b', 'c'], 8);
    expect([...first.entries()]).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
    const second = assignColorSlots(first, ['c', 'd', 'a'], 8);
    expect(second.get('c')).toBe(2);
    expect(second.get('a')).toBe(0);
    expect(second.get('d')).toBe(1);
  });
});
