// Keeps `analyze`'s heap near what it holds. V8 lets the old generation grow to about four times
// its live data before it collects it, so a long run's peak RSS followed that heuristic, not the
// run's state: 552-636 MiB at 3M generated tweets with 86-99 MiB live (a run keeps only its window's
// partials and the profiles), against 269-288 MiB at 100k. Past a floor, a full collection whenever
// the heap has doubled since the last one holds 3M tweets to 381-388 MiB (7-13 collections) for
// little or no CPU: 50.4-59.3 against 51.0-57.0 CPU s in turn (4 and 3 runs), and 50.0 and 50.2
// against 50.5 and 47.2 with the two run at the same time (2 rounds) on this noisy machine.
// V8's flags do not give that bound alone: --heap-growing-percent fixes the factor from the first
// collection on (8-10% more CPU on 3M tweets, and a higher peak on 300k, measured earlier), and a
// lower --max-old-space-size also collects a small heap more often (20% more CPU on 300k tweets)
// and makes a large profiles file crash out of memory instead of using the memory it needs.
import v8 from 'node:v8';

/** Below this much heap in use, V8's own schedule stands: short runs never pay a collection. */
export const HEAP_BUDGET_FLOOR_BYTES = 192 * 2 ** 20;

export interface HeapBudgetOptions {
  /** A full collection (`globalThis.gc`, exposed by --expose-gc); without it the budget does nothing. */
  collect: (() => void) | undefined;
  floorBytes?: number;
  /** Heap in use, in bytes (swappable for tests). */
  heapUsed?: () => number;
}

export class HeapBudget {
  /** Full collections this budget asked for. */
  collections = 0;
  /** Heap in use after the last of them (0 before the first). */
  private live = 0;
  private readonly collect: (() => void) | undefined;
  private readonly floorBytes: number;
  private readonly heapUsed: () => number;

  constructor(options: HeapBudgetOptions) {
    this.collect = options.collect;
    this.floorBytes = options.floorBytes ?? HEAP_BUDGET_FLOOR_BYTES;
    this.heapUsed = options.heapUsed ?? (() => v8.getHeapStatistics().used_heap_size);
  }

  /** Collects when the heap in use is past the floor and twice what was live after the last collection. */
  check(): void {
    if (this.collect === undefined) return;
    if (this.heapUsed() <= Math.max(this.floorBytes, 2 * this.live)) return;
    this.collect();
    this.collections++;
    this.live = this.heapUsed();
  }
}
