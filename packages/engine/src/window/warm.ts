// Cache warming for lookups into large typed arrays: a pass over a batch's keys that only loads
// each key's place keeps many cache misses in flight at once, where the loop that then uses them
// would wait on each in turn. Nothing reads what is loaded: it feeds `sink` so the JIT keeps it.
const sink = { value: 0 };

/** Loads lane[ids[i] × stride] for each i below `count` (speed only: no effect on any result). */
export function warmAt(lane: ArrayLike<number>, ids: ArrayLike<number>, count: number, stride = 1): void {
  let touched = 0;
  // Stryker disable next-line all: cache warming only (speed); nothing reads what it loads.
  for (let i = 0; i < count; i++) touched |= lane[(ids[i] as number) * stride] as number;
  sink.value = touched;
}

/**
 * Loads the first probe position of each of hashes[0, count) in an open-addressing table of
 * [hash, entry] pairs (KeySlots' layout) of `mask` + 1 positions (speed only, as warmAt).
 */
export function warmProbes(table: Int32Array, hashes: Int32Array, count: number, mask: number): void {
  let touched = 0;
  // Stryker disable next-line all: cache warming only (speed); nothing reads what it loads.
  for (let i = 0; i < count; i++) touched |= table[((hashes[i] as number) & mask) << 1] as number;
  sink.value = touched;
}
