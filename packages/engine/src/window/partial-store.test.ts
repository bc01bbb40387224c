// The per-batch partials a window answers from: retention (what evictUpTo drops and keeps), the
// (lo, hi] ranges windows read, batch-time order, and checkpoint round trips.
import { describe, expect, it } from 'vitest';
import { PartialStore } from './partial-store.js';

/** A store holding `part-<time>` for each of the given batch times. */
function storeOf(times: number[]): PartialStore<string> {
  const store = new PartialStore<string>();
  for (const time of times) store.add(time, `part-${time}`);
  return store;
}

const parts = (times: number[]): string[] => times.map((time) => `part-${time}`);

describe('PartialStore', () => {
  it('answers a window (lo, hi]: the batch at lo is out, the batch at hi is in', () => {
    const store = storeOf([10, 20, 30, 40, 50]);
    expect([...store.range(10, 40)]).toEqual(parts([20, 30, 40]));
    expect([...store.range(15, 45)]).toEqual(parts([20, 30, 40]));
    expect([...store.range(0, 50)]).toEqual(parts([10, 20, 30, 40, 50]));
    expect([...store.range(50, 90)]).toEqual([]);
    expect([...store.range(-10, 5)]).toEqual([]);
    expect([...store.range(30, 30)]).toEqual([]);
  });

  it('counts the batches of a window (lo, hi], and none for an empty or inverted range', () => {
    const store = storeOf([10, 20, 30, 40, 50]);
    expect(store.countIn(10, 40)).toBe(3);
    expect(store.countIn(0, 50)).toBe(5);
    expect(store.countIn(15, 16)).toBe(0);
    expect(store.countIn(30, 30)).toBe(0);
    expect(store.countIn(40, 10)).toBe(0);
    expect(store.countIn(45, 1000)).toBe(1);
  });

  it('evicts exactly the batches at or before the horizon and keeps the rest readable', () => {
    const store = storeOf([10, 20, 30, 40, 50]);
    store.evictUpTo(30);
    expect(store.size).toBe(2);
    expect(store.entries()).toEqual([
      [40, 'part-40'],
      [50, 'part-50'],
    ]);
    expect([...store.range(0, 100)]).toEqual(parts([40, 50]));
    expect(store.countIn(0, 100)).toBe(2);
    store.evictUpTo(35); // nothing between 30 and 35
    expect(store.size).toBe(2);
    store.evictUpTo(1000);
    expect(store.size).toBe(0);
    expect([...store.range(0, 100)]).toEqual([]);
    expect(store.entries()).toEqual([]);
    store.add(60, 'part-60'); // still refuses nothing newer than what was evicted
    expect(store.entries()).toEqual([[60, 'part-60']]);
  });

  it('keeps retention bounded over a long run, compacting evicted entries without losing any', () => {
    const store = new PartialStore<string>();
    const retention = 50;
    for (let time = 1; time <= 5000; time++) {
      store.add(time, `part-${time}`);
      store.evictUpTo(time - retention);
      if (time % 97 === 0) expect(store.size).toBe(Math.min(time, retention));
      if (time % 997 === 0) {
        const kept = Array.from(
          { length: Math.min(time, retention) },
          (_, i) => time - Math.min(time, retention) + 1 + i,
        );
        expect(store.entries().map(([t]) => t)).toEqual(kept);
        expect([...store.range(time - 10, time)]).toEqual(parts(kept.slice(-10)));
        expect(store.countIn(time - 10, time)).toBe(10);
      }
    }
    expect(store.entries().map(([t]) => t)).toEqual(Array.from({ length: retention }, (_, i) => 4951 + i));
  });

  it('refuses a batch time that does not increase, naming both batches', () => {
    const store = storeOf([10, 20]);
    expect(() => store.add(20, 'again')).toThrow(
      'partial for batch 20 arrived after batch 20; batch times must increase',
    );
    expect(() => store.add(15, 'late')).toThrow(/batch 15 arrived after batch 20/);
    expect(store.entries()).toEqual([
      [10, 'part-10'],
      [20, 'part-20'],
    ]);
  });

  it('refuses a repeated batch time even after every partial was evicted', () => {
    const store = storeOf([10, 20]);
    store.evictUpTo(20);
    expect(() => store.add(20, 'again')).toThrow(/must increase/);
  });

  it('round-trips its entries through a checkpoint and keeps sliding after a restore', () => {
    const store = storeOf([10, 20, 30, 40]);
    store.evictUpTo(10);
    const restored = new PartialStore<string>();
    restored.restore(store.entries());
    expect(restored.size).toBe(3);
    expect(restored.entries()).toEqual(store.entries());
    expect([...restored.range(15, 40)]).toEqual(parts([20, 30, 40]));
    expect(() => restored.add(40, 'again')).toThrow(/must increase/);
    restored.add(50, 'part-50');
    restored.evictUpTo(30);
    expect(restored.entries().map(([t]) => t)).toEqual([40, 50]);
  });

  it('forgets what it held before a restore', () => {
    const store = storeOf([10, 20, 30]);
    store.evictUpTo(10);
    store.restore([[100, 'part-100']]);
    expect(store.size).toBe(1);
    expect([...store.range(0, 1000)]).toEqual(['part-100']);
    expect(store.countIn(0, 99)).toBe(0);
  });
});
