import { describe, expect, it } from 'vitest';
import { SlotOrder } from './slot-order.js';

/** Indexes sorted by slot with a comparator sort, ties by index (the radix sort is stable). */
function expected(slots: Int32Array): number[] {
  return [...slots.keys()].sort((a, b) => slots[a]! - slots[b]! || a - b);
}

describe('SlotOrder', () => {
  it('orders indexes by slot for one, two and three radix digits, ties kept in index order', () => {
    const order = new SlotOrder();
    for (const limit of [1, 7, 2048, 2049, 100_000, 1 << 22, (1 << 22) + 1, 2 ** 31 - 1]) {
      const slots = Int32Array.from({ length: 3000 }, (_, i) => (i * 2_654_435_761) % limit);
      expect([...order.sort(slots, slots.length, limit)]).toEqual(expected(slots));
    }
  });

  it('sorts only the first `count` entries and reuses its buffers', () => {
    const order = new SlotOrder();
    const slots = Int32Array.from([5, 3, 9, 1, 0, 0]);
    expect([...order.sort(slots, 4, 10)]).toEqual([3, 1, 0, 2]);
    expect([...order.sort(slots, 0, 10)]).toEqual([]);
    const big = Int32Array.from({ length: 5000 }, (_, i) => 4999 - i);
    expect([...order.sort(big, big.length, 5000)]).toEqual(expected(big));
  });

  it('orders small batches (insertion sort) the same way, ties in index order, at and past the cut-over', () => {
    const order = new SlotOrder();
    for (const count of [1, 2, 3, 31, 32, 33]) {
      const slots = Int32Array.from({ length: count }, (_, i) => (i * 7919) % 5);
      expect([...order.sort(slots, count, 5)], `count ${count}`).toEqual(expected(slots));
    }
  });
});
