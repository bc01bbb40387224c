import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assignColorSlots, engineHealth, hashtagOf, hashtagTrends, sentimentOverTime } from './series';
import { batchMetrics, windowUpdate } from './testing/fixtures';

describe('chart series', () => {
  it('trends follow the current top tags as rates, comparable across window lengths', () => {
    const tenSeconds = { batchIntervalMs: 1000, windowLengthMs: 10_000, slideMs: 5000 };
    const windows = [
      windowUpdate(5000, [
        ['Old', 60, 'old'],
        ['b', 6],
      ]),
      windowUpdate(
        10_000,
        [
          ['B', 20, 'b'],
          ['old', 5],
        ],
        tenSeconds,
      ),
    ];
    const { tags, points } = hashtagTrends(windows, 1);
    expect(tags).toEqual([{ tag: 'B', key: 'b' }]);
    expect(points).toEqual([
      { end: 5000, rates: new Map([['b', 0.1]]) },
      { end: 10_000, rates: new Map([['b', 2]]) },
    ]);
  });

  it('trends join windows by the server key, for spellings JavaScript lower-cases differently', () => {
    // toLocaleLowerCase would split each pair ('straße' ≠ 'strasse', 'i̇stanbul' ≠ 'istanbul',
    // 'οδός' ≠ 'οδος'); the server's key joins them.
    const windows = [
      windowUpdate(5000, [
        ['STRASSE', 60, 'strasse'],
        ['ISTANBUL', 120, 'istanbul'],
        ['ΟΔΟΣ', 6, 'οδοσ'],
      ]),
      windowUpdate(10_000, [
        ['Straße', 30, 'strasse'],
        ['İstanbul', 60, 'istanbul'],
        ['οδός', 12, 'οδοσ'],
      ]),
    ];
    const { tags, points } = hashtagTrends(windows, 3);
    expect(tags).toEqual([
      { tag: 'Straße', key: 'strasse' },
      { tag: 'İstanbul', key: 'istanbul' },
      { tag: 'οδός', key: 'οδοσ' },
    ]);
    expect(points.map((p) => Object.fromEntries(p.rates))).toEqual([
      { strasse: 1, istanbul: 2, οδοσ: 0.1 },
      { strasse: 0.5, istanbul: 1, οδοσ: 0.2 },
    ]);
  });

  it('trends keep tags apart that the server keys apart, however alike they look', () => {
    const windows = [windowUpdate(5000, [['Foo', 60, 'k1']]), windowUpdate(10_000, [['foo', 60, 'k2']])];
    const { points } = hashtagTrends(windows, 1);
    expect(points.map((p) => p.rates.get('k2'))).toEqual([0, 1]);
  });

  it('a chart click drills down by the key the payload carries', () => {
    const [entry] = windowUpdate(5000, [['İstanbul', 3, 'istanbul']]).hashtags;
    expect(hashtagOf(entry)).toEqual({ tag: 'İstanbul', key: 'istanbul' });
    expect(hashtagOf({ tag: 'İstanbul' })).toBeNull();
    expect(hashtagOf(undefined)).toBeNull();
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

describe('the dashboard and hashtag keys', () => {
  it('never folds a tag itself: no case mapping or normalisation anywhere in its source', () => {
    const src = path.dirname(fileURLToPath(import.meta.url));
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
          const text = readFileSync(file, 'utf8');
          if (/\.(toLowerCase|toLocaleLowerCase|toUpperCase|toLocaleUpperCase|normalize)\(/.test(text)) {
            offenders.push(path.relative(src, file));
          }
        }
      }
    };
    walk(src);
    expect(offenders).toEqual([]);
  });
});
