// analyze's heap budget: a full collection only past the floor and once the heap has doubled what
// the last one left live; none at all without a collector.
import { describe, expect, it } from 'vitest';
import { HeapBudget } from './heap-budget.js';

const MiB = 2 ** 20;

/** A heap whose use the test sets, and whose collection leaves `live` in use. */
function fakeHeap(live: number) {
  const heap = { used: 0, live, collections: 0 };
  const budget = new HeapBudget({
    floorBytes: 100 * MiB,
    heapUsed: () => heap.used,
    collect: () => {
      heap.collections++;
      heap.used = heap.live;
    },
  });
  return { heap, budget };
}

describe('heap budget', () => {
  it('leaves a heap below the floor to V8, however it grows', () => {
    const { heap, budget } = fakeHeap(10 * MiB);
    for (heap.used = 0; heap.used <= 100 * MiB; heap.used += 10 * MiB) budget.check();
    expect(heap.collections).toBe(0);
  });

  it('collects past the floor, then again only once the heap has doubled what was live', () => {
    const { heap, budget } = fakeHeap(80 * MiB);
    heap.used = 101 * MiB;
    budget.check();
    expect([heap.collections, budget.collections]).toEqual([1, 1]);
    // 80 MiB live: the next bound is 160 MiB, above the floor.
    heap.used = 150 * MiB;
    budget.check();
    expect(heap.collections).toBe(1);
    heap.used = 161 * MiB;
    budget.check();
    expect(heap.collections).toBe(2);
    // Less live after a collection lowers the bound back to the floor.
    heap.live = 20 * MiB;
    heap.used = 161 * MiB;
    budget.check();
    heap.used = 101 * MiB;
    budget.check();
    expect(heap.collections).toBe(4);
  });

  it('does nothing without a collector (node run without --expose-gc)', () => {
    let read = 0;
    const budget = new HeapBudget({ collect: undefined, heapUsed: () => (read++, 10 * 2 ** 30) });
    budget.check();
    expect([budget.collections, read]).toEqual([0, 0]);
  });
});
